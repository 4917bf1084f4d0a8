// The socket a live-media page signals over: reconnects by itself, also after the server closed
// it on shutdown (socket.io does not), and fetches fresh ICE servers on every (re)connect.
import { io, type Socket } from 'socket.io-client';
import { SOCKET_EVENT, type ClientAck, type ClientMessage } from '@emtihan/protocol';
import type { ApiClient } from '../api/client';

export interface LiveSocket {
  socket: Socket;
  iceServers(): RTCIceServer[];
  send(m: ClientMessage): Promise<ClientAck>;
  close(): void;
}

export function openLiveSocket(
  api: ApiClient,
  onConnect: (live: LiveSocket) => void,
  onDisconnect?: () => void,
): LiveSocket {
  const socket = io({ withCredentials: true });
  let ice: RTCIceServer[] = [];
  let closed = false;
  const live: LiveSocket = {
    socket,
    iceServers: () => ice,
    send: (m) =>
      socket
        .timeout(10_000)
        .emitWithAck(SOCKET_EVENT, m)
        .catch(() => ({ ok: false, reason: 'invalid-message', message: 'no answer' }) as const),
    close() {
      closed = true;
      socket.disconnect();
    },
  };
  socket.on('connect', () => {
    api
      .call('iceServers')
      .then((r) => (ice = r.iceServers))
      .catch(() => {}) // none: a direct connection still works on one network
      .finally(() => !closed && socket.connected && onConnect(live));
  });
  socket.on('disconnect', (reason) => {
    if (closed) return;
    onDisconnect?.();
    if (reason === 'io server disconnect') setTimeout(() => !closed && socket.connect(), 1000);
  });
  return live;
}
