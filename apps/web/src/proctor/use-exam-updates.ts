import { useEffect, useRef } from 'react';
import { io } from 'socket.io-client';
import { ServerMessage, SOCKET_EVENT, type ChatMessage } from '@emtihan/protocol';

/**
 * Joins the exam's staff room and calls `onChange` whenever a sitting of the exam changes (its
 * state, a flag, its proctor), and again after every reconnect (changes may have been missed
 * while offline). Chat messages of the exam's sittings go to `onChat`.
 */
export function useExamUpdates(
  examId: string,
  onChange: () => void,
  onChat?: (m: ChatMessage) => void,
): void {
  const chat = useRef(onChat);
  useEffect(() => {
    chat.current = onChat;
  }, [onChat]);
  useEffect(() => {
    const socket = io({ withCredentials: true });
    socket.on('connect', () => {
      void socket.emitWithAck(SOCKET_EVENT, { type: 'watch-exam', examId }).then(onChange);
    });
    socket.on(SOCKET_EVENT, (raw: unknown) => {
      const m = ServerMessage.safeParse(raw);
      if (!m.success) return;
      if (['session-changed', 'flag', 'assignment-changed'].includes(m.data.type)) onChange();
      if (m.data.type === 'chat-message') chat.current?.(m.data.message);
    });
    return () => {
      socket.disconnect();
    };
  }, [examId, onChange]);
}
