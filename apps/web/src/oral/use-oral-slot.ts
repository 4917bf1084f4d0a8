import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { ORAL_SOCKET_EVENT, OralServerMessage, type OralRoomView } from '@emtihan/protocol';
import { useSession } from '../session/session';

/**
 * One realtime socket for an oral slot's page: follows the slot's queue and refetches the room
 * view whenever the server says it changed (and after every reconnect: changes may be missed).
 */
export function useOralSlot(slotId: string | null, initial: OralRoomView | null = null) {
  const { api } = useSession();
  const [socket, setSocket] = useState<Socket | null>(null);
  const [room, setRoom] = useState<OralRoomView | null>(initial);
  const [error, setError] = useState<unknown>(null);

  const refresh = useCallback(async () => {
    if (!slotId) return;
    try {
      setRoom(await api.call('oralRoom', { params: { slotId } }));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [api, slotId]);

  useEffect(() => {
    if (!slotId) return;
    const s = io({ withCredentials: true });
    s.on('connect', () => {
      setSocket(s);
      void s.emitWithAck(ORAL_SOCKET_EVENT, { type: 'oral-watch', slotId }).then(refresh);
    });
    s.on(ORAL_SOCKET_EVENT, (raw: unknown) => {
      const m = OralServerMessage.safeParse(raw);
      if (m.success && m.data.type === 'oral-changed' && m.data.slotId === slotId) void refresh();
    });
    return () => {
      s.disconnect();
      setSocket(null);
    };
  }, [slotId, refresh]);

  return { socket, room, setRoom, refresh, error };
}

/** Seconds since epoch of the server, ticking each second from the last room view's clock. */
export function useServerNow(serverNow: number | undefined): number {
  const offset = useRef(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (serverNow !== undefined) offset.current = serverNow - Date.now();
  }, [serverNow]);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now() + offset.current), 1000);
    return () => clearInterval(t);
  }, []);
  return now;
}
