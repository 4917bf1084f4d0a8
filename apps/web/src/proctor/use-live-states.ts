// The students' pages as the exam's live-states messages describe them (ADR 0015): what holds
// now on each page, and when it last reported. Messages come several times a second in a busy
// exam; the grid is told at most once a second, and the clock ticks (every few seconds) so that
// silence shows.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LiveStatesMessage } from '@emtihan/protocol';
import type { PageSeen } from './console.rules';

const PUBLISH_EVERY_MS = 1_000;
const SILENCE_TICK_MS = 5_000;

export interface LiveStates {
  /** Sitting id → its page as last heard. */
  seen: ReadonlyMap<string, PageSeen>;
  /** This console's clock at the last update (for silence). */
  now: number;
  receive(message: LiveStatesMessage): void;
}

export function useLiveStates(): LiveStates {
  const pending = useRef(new Map<string, PageSeen>());
  const [view, setView] = useState<{ seen: ReadonlyMap<string, PageSeen>; now: number }>(() => ({
    seen: new Map(),
    now: Date.now(),
  }));
  useEffect(() => {
    const timer = setInterval(() => {
      const batch = pending.current;
      pending.current = new Map();
      setView((v) => {
        if (batch.size === 0) {
          // Nothing new: the clock alone moves the grid only every few seconds.
          const now = Date.now();
          return now - v.now < SILENCE_TICK_MS ? v : { seen: v.seen, now };
        }
        const seen = new Map(v.seen);
        for (const [id, page] of batch) seen.set(id, page);
        return { seen, now: Date.now() };
      });
    }, PUBLISH_EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  const receive = useCallback((message: LiveStatesMessage) => {
    const receivedAt = Date.now();
    for (const s of message.states)
      pending.current.set(s.sessionId, { holding: s.holding, receivedAt });
  }, []);
  return { ...view, receive };
}
