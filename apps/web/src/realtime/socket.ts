import { io } from 'socket.io-client';
import { PROTOCOL_VERSION, ServerMessage, SOCKET_EVENT } from '@emtihan/protocol';

const RELOADED_AT = 'emtihan.reloadedForProtocol';

/**
 * The server speaks another protocol version: it was upgraded while this page was open.
 * Reload once to fetch the matching app; never more than once a minute, to avoid a loop.
 */
function reloadForNewProtocol(): void {
  const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
  if (Date.now() - last < 60_000) return;
  sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  window.location.reload();
}

function isOtherProtocolHello(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const m = raw as { type?: unknown; protocolVersion?: unknown };
  return m.type === 'hello' && m.protocolVersion !== PROTOCOL_VERSION;
}

export interface RealtimeHandlers {
  /** `by`: 'self' when the person logged out everywhere themselves. */
  onSessionRevoked(by?: 'self'): void;
}

/**
 * Opens the realtime socket of a logged-in person (same origin, the session cookie
 * authenticates it). Returns the function that closes it.
 */
export function connectRealtime(handlers: RealtimeHandlers): () => void {
  const socket = io({ withCredentials: true });
  socket.on(SOCKET_EVENT, (raw: unknown) => {
    if (isOtherProtocolHello(raw)) return reloadForNewProtocol();
    const message = ServerMessage.safeParse(raw);
    if (!message.success) return; // an unknown or newer message: nothing we can act on
    if (message.data.type === 'session-revoked') handlers.onSessionRevoked(message.data.by);
  });
  return () => {
    socket.disconnect();
  };
}
