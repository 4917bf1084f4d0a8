// The exam's flags, live: the roster's flags (newest first) merged with the flag messages of
// the exam's staff room as they arrive. Another socket joins the room; after a reconnect the
// roster (reloaded by the page) brings what was missed.
import { useCallback, useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import {
  ServerMessage,
  SOCKET_EVENT,
  type FlagMessage,
  type FlagView,
  type RosterEntry,
} from '@emtihan/protocol';

const key = (f: FlagView) => `${f.sessionId}:${f.category}:${f.startAt}`;

/** Newest first; a later copy of the same flag (same session, category, start) wins. */
export function mergeFlags(stored: readonly FlagView[], live: readonly FlagView[]): FlagView[] {
  const byKey = new Map<string, FlagView>();
  for (const f of stored) byKey.set(key(f), f);
  for (const f of live) byKey.set(key(f), f);
  return [...byKey.values()].sort((a, b) => b.startAt - a.startAt);
}

export interface LiveFlags {
  flagsOf(entry: RosterEntry): FlagView[];
  /** The latest flag message (for the announcement). */
  last: FlagMessage | null;
}

export function useLiveFlags(examId: string): LiveFlags {
  const [live, setLive] = useState<FlagView[]>([]);
  const [last, setLast] = useState<FlagMessage | null>(null);
  useEffect(() => {
    const socket = io({ withCredentials: true });
    socket.on('connect', () => {
      void socket.emitWithAck(SOCKET_EVENT, { type: 'watch-exam', examId });
    });
    socket.on(SOCKET_EVENT, (raw: unknown) => {
      const m = ServerMessage.safeParse(raw);
      if (!m.success || m.data.type !== 'flag' || m.data.examId !== examId) return;
      const message = m.data;
      setLive((list) => [...list.filter((f) => key(f) !== key(message.flag)), message.flag]);
      setLast(message);
    });
    return () => {
      socket.disconnect();
    };
  }, [examId]);
  const flagsOf = useCallback(
    (entry: RosterEntry) =>
      entry.sessionId
        ? mergeFlags(
            entry.flags,
            live.filter((f) => f.sessionId === entry.sessionId),
          )
        : [],
    [live],
  );
  return { flagsOf, last };
}
