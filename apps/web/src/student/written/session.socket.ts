// Follows one session over the realtime socket: watch it, refetch when it changes, tell the
// student the server's notices. Re-watches after every reconnect (a restarted server forgets
// its rooms), and reconnects even when the server closed the socket itself.
import { io } from 'socket.io-client';
import {
  ServerMessage,
  SOCKET_EVENT,
  type ClientAck,
  type SecondCameraStatus,
} from '@emtihan/protocol';

export interface SessionSocketHandlers {
  /** The session changed, or we may have missed a change while disconnected: refetch it. */
  onChanged(): void;
  onNotice(key: string, params: Record<string, string | number>): void;
  onConnection(connected: boolean): void;
  /** The sitting's phone camera changed (paired, stopped, replaced; ADR 0023). */
  onSecondCamera?(camera: SecondCameraStatus): void;
}

export function watchSession(sessionId: string, handlers: SessionSocketHandlers): () => void {
  const socket = io({ withCredentials: true });
  let closed = false;

  socket.on('connect', () => {
    socket
      .timeout(10_000)
      .emitWithAck(SOCKET_EVENT, { type: 'watch-session', sessionId })
      .then((ack: ClientAck) => {
        if (closed) return;
        handlers.onConnection(ack.ok);
        handlers.onChanged();
      })
      .catch(() => {
        // No answer in time: the next reconnect tries again.
      });
  });
  socket.on('disconnect', (reason) => {
    if (closed) return;
    handlers.onConnection(false);
    // The server dropped us on purpose (shutting down): unlike a lost transport, socket.io
    // does not reconnect by itself after this.
    if (reason === 'io server disconnect') setTimeout(() => !closed && socket.connect(), 1000);
  });
  socket.on('connect_error', () => !closed && handlers.onConnection(false));
  socket.on(SOCKET_EVENT, (raw: unknown) => {
    const message = ServerMessage.safeParse(raw);
    if (!message.success) return;
    const m = message.data;
    if (m.type === 'session-changed' && m.sessionId === sessionId) handlers.onChanged();
    if (m.type === 'notice' && m.sessionId === sessionId) handlers.onNotice(m.key, m.params);
    if (m.type === 'second-camera' && m.sessionId === sessionId)
      handlers.onSecondCamera?.(m.camera);
  });

  return () => {
    closed = true;
    socket.disconnect();
  };
}
