// The exam page's camera, microphone and screen share, kept across the steps of the flow (the
// seed's steps 5–7: screen shared, the entire screen, camera on) and stopped when the page is
// left. A track that ends (the person pressed "Stop sharing", unplugged the camera) empties
// its slot, so the workspace can ask for it again.
import { createContext, use, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import {
  openCamera,
  openMicrophone,
  openScreen,
  stopStream,
  type Acquired,
  type DeviceFailure,
} from './media.devices';
import { judgeDisplaySurface, type ScreenCode } from './system-check.rules';

export type ScreenShareResult = { ok: true } | { ok: false; code: Exclude<ScreenCode, 'entire'> };

/** The devices an exam asks for (`settings.media`); one not needed is never asked for. */
export interface MediaNeeds {
  camera: boolean;
  microphone: boolean;
  screen: boolean;
}
export const ALL_MEDIA: MediaNeeds = { camera: true, microphone: true, screen: true };

export interface Media {
  needs: MediaNeeds;
  camera: MediaStream | null;
  microphone: MediaStream | null;
  screen: MediaStream | null;
  startCamera(): Promise<Acquired>;
  startMicrophone(): Promise<Acquired>;
  /** "Share entire screen": a window or tab share is stopped at once and refused. */
  shareScreen(): Promise<ScreenShareResult>;
}

const MediaContext = createContext<Media | null>(null);

export function useMedia(): Media {
  const media = use(MediaContext);
  if (!media) throw new Error('useMedia outside <MediaProvider>');
  return media;
}

/**
 * Turns the camera on (once) where a screen needs it and it is off, e.g. after a reload or a
 * second check-in: once allowed, the camera needs no click. Returns whether that failed.
 */
export function useCameraOn(wanted = true): boolean {
  const { camera, startCamera } = useMedia();
  const [failed, setFailed] = useState(false);
  const tried = useRef(false);
  useEffect(() => {
    if (!wanted || camera || tried.current) return;
    tried.current = true;
    void startCamera().then((r) => setFailed(!r.ok));
  }, [wanted, camera, startCamera]);
  return failed && !camera;
}

type Slot = 'camera' | 'microphone' | 'screen';

export function MediaProvider({
  needs = ALL_MEDIA,
  children,
}: {
  needs?: MediaNeeds;
  children: ReactNode;
}) {
  const [streams, setStreams] = useState<Record<Slot, MediaStream | null>>({
    camera: null,
    microphone: null,
    screen: null,
  });
  const current = useRef(streams);
  useEffect(() => {
    current.current = streams;
  }, [streams]);

  const keep = useCallback((slot: Slot, stream: MediaStream) => {
    stopStream(current.current[slot]);
    for (const track of stream.getTracks()) {
      track.addEventListener('ended', () =>
        setStreams((s) => (s[slot] === stream ? { ...s, [slot]: null } : s)),
      );
    }
    setStreams((s) => ({ ...s, [slot]: stream }));
  }, []);

  // Everything stops when the exam page is left.
  useEffect(
    () => () => {
      for (const stream of Object.values(current.current)) stopStream(stream);
    },
    [],
  );

  const startCamera = useCallback(async () => {
    const r = await openCamera();
    if (r.ok) keep('camera', r.stream);
    return r;
  }, [keep]);

  const startMicrophone = useCallback(async () => {
    const r = await openMicrophone();
    if (r.ok) keep('microphone', r.stream);
    return r;
  }, [keep]);

  const shareScreen = useCallback(async (): Promise<ScreenShareResult> => {
    const r = await openScreen();
    if (!r.ok) return { ok: false, code: r.failure === 'unsupported' ? 'unsupported' : 'denied' };
    const verdict = judgeDisplaySurface(r.surface);
    if (verdict.verdict !== 'pass') {
      stopStream(r.stream);
      return { ok: false, code: 'not-entire' };
    }
    keep('screen', r.stream);
    return { ok: true };
  }, [keep]);

  const value = useMemo<Media>(
    () => ({ needs, ...streams, startCamera, startMicrophone, shareScreen }),
    [needs, streams, startCamera, startMicrophone, shareScreen],
  );
  return <MediaContext value={value}>{children}</MediaContext>;
}

export type { DeviceFailure };
