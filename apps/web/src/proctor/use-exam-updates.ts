import { useEffect, useRef } from 'react';
import { io } from 'socket.io-client';
import {
  ServerMessage,
  SOCKET_EVENT,
  type ChatMessage,
  type FlagMessage,
  type LiveStatesMessage,
  type SecondCameraStatus,
} from '@emtihan/protocol';

export interface ExamUpdateHandlers {
  /** A sitting changed (its state, a flag, its proctor): reload the roster. */
  onChange(): void;
  onChat?(m: ChatMessage): void;
  onFlag?(m: FlagMessage): void;
  onLive?(m: LiveStatesMessage): void;
  /** A sitting's phone camera changed (ADR 0023). */
  onSecondCamera?(sessionId: string, camera: SecondCameraStatus): void;
}

/** Reloads at most this often, however many changes arrive (a reload aborts the one before). */
const RELOAD_EVERY_MS = 1_000;

/**
 * The console's one connection to the exam's staff room. Every message is validated and handed
 * to its handler; `onChange` runs after a reconnect (changes may have been missed while
 * offline) and on changes, at most once a second so that a busy exam still finishes its reload.
 */
export function useExamUpdates(examId: string, handlers: ExamUpdateHandlers): void {
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  }, [handlers]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const change = () => {
      if (timer) return;
      const wait = Math.max(0, last + RELOAD_EVERY_MS - Date.now());
      timer = setTimeout(() => {
        timer = null;
        last = Date.now();
        current.current.onChange();
      }, wait);
    };
    const socket = io({ withCredentials: true });
    socket.on('connect', () => {
      void socket.emitWithAck(SOCKET_EVENT, { type: 'watch-exam', examId }).then(change);
    });
    socket.on(SOCKET_EVENT, (raw: unknown) => {
      const m = ServerMessage.safeParse(raw);
      if (!m.success) return;
      const h = current.current;
      switch (m.data.type) {
        case 'session-changed':
        case 'assignment-changed':
          return change();
        case 'flag':
          if (m.data.examId !== examId) return;
          h.onFlag?.(m.data);
          return change();
        case 'live-states':
          if (m.data.examId === examId) h.onLive?.(m.data);
          return;
        case 'chat-message':
          return h.onChat?.(m.data.message);
        case 'second-camera':
          return h.onSecondCamera?.(m.data.sessionId, m.data.camera);
      }
    });
    return () => {
      if (timer) clearTimeout(timer);
      socket.disconnect();
    };
  }, [examId]);
}
