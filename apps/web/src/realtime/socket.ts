import { io } from 'socket.io-client';
import { ServerMessage, SOCKET_EVENT } from '@emtihan/protocol';

export interface RealtimeHandlers {
  onSessionRevoked(): void;
}

/**
 * Opens the realtime socket of a logged-in person (same origin, the session cookie
 * authenticates it). Returns the function that closes it.
 */
export function connectRealtime(handlers: RealtimeHandlers): () => void {
  const socket = io({ withCredentials: true });
  socket.on(SOCKET_EVENT, (raw: unknown) => {
    const message = ServerMessage.safeParse(raw);
    if (!message.success) return; // an unknown or newer message: nothing we can act on
    if (message.data.type === 'session-revoked') handlers.onSessionRevoked();
  });
  return () => {
    socket.disconnect();
  };
}
