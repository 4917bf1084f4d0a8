import { useEffect } from 'react';
import { io } from 'socket.io-client';
import { ServerMessage, SOCKET_EVENT } from '@emtihan/protocol';

/**
 * Joins the exam's staff room and calls `onChange` whenever a sitting of the exam changes,
 * and again after every reconnect (changes may have been missed while offline).
 */
export function useExamUpdates(examId: string, onChange: () => void): void {
  useEffect(() => {
    const socket = io({ withCredentials: true });
    socket.on('connect', () => {
      void socket.emitWithAck(SOCKET_EVENT, { type: 'watch-exam', examId }).then(onChange);
    });
    socket.on(SOCKET_EVENT, (raw: unknown) => {
      const m = ServerMessage.safeParse(raw);
      if (m.success && m.data.type === 'session-changed') onChange();
    });
    return () => {
      socket.disconnect();
    };
  }, [examId, onChange]);
}
