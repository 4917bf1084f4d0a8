import { createContext, use, useEffect, useState } from 'react';
import type { RtcQuality } from '@emtihan/protocol';
import type { LiveHub, LiveState } from '../rtc/live-hub';
import { judgeLink, readLink, type LinkQuality } from '../rtc/stats';

export const LiveHubContext = createContext<LiveHub | null>(null);

/** A student's media while the caller is mounted and `quality` is set (null: not wanted). */
export function useLiveMedia(sessionId: string, quality: RtcQuality | null): LiveState | null {
  const hub = use(LiveHubContext);
  const [state, setState] = useState<LiveState | null>(null);
  useEffect(() => {
    if (!hub || !quality) return;
    const release = hub.hold(sessionId, quality, setState);
    return () => {
      release();
      setState(null);
    };
  }, [hub, sessionId, quality]);
  return state;
}

/** Connection quality from getStats, every few seconds. */
export function useLinkQuality(pc: RTCPeerConnection | null | undefined): LinkQuality {
  const [q, setQ] = useState<LinkQuality>('none');
  useEffect(() => {
    if (!pc) return;
    let alive = true;
    const tick = () =>
      void readLink(pc)
        .then((f) => alive && setQ(judgeLink(f)))
        .catch(() => {});
    tick();
    const id = setInterval(tick, 3000);
    return () => {
      alive = false;
      clearInterval(id);
    };
  }, [pc]);
  return pc ? q : 'none';
}
