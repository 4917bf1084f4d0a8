// The exam's flags, live: the roster's flags (newest first) merged with the flag messages of
// the exam's staff room as they arrive (through the console's one connection); after a
// reconnect the roster (reloaded by the page) brings what was missed.
import { useCallback, useState } from 'react';
import type { FlagMessage, FlagView, RosterEntry } from '@emtihan/protocol';

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
  /** Takes a flag message of the exam's staff room (the console's one connection). */
  receive(message: FlagMessage): void;
}

export function useLiveFlags(): LiveFlags {
  const [live, setLive] = useState<FlagView[]>([]);
  const [last, setLast] = useState<FlagMessage | null>(null);
  const receive = useCallback((message: FlagMessage) => {
    setLive((list) => [...list.filter((f) => key(f) !== key(message.flag)), message.flag]);
    setLast(message);
  }, []);
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
  return { flagsOf, last, receive };
}
