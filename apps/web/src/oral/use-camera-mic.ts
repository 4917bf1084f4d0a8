import { useCallback, useEffect, useState } from 'react';
import { stopStream } from '../media/media.devices';

export type CameraMic =
  | { state: 'idle' | 'asking' }
  | { state: 'ready'; stream: MediaStream }
  | { state: 'failed'; failure: 'denied' | 'missing' | 'error' };

/** The camera and microphone together, for the room (stopped when the page goes). */
export function useCameraMic(auto = false) {
  const [media, setMedia] = useState<CameraMic>({ state: 'idle' });
  const open = useCallback(async () => {
    setMedia({ state: 'asking' });
    setMedia(await acquire());
  }, []);
  useEffect(() => {
    if (auto) void acquire().then(setMedia);
  }, [auto]);
  const stream = media.state === 'ready' ? media.stream : null;
  useEffect(() => () => stopStream(stream), [stream]);
  return { media, open };
}

async function acquire(): Promise<CameraMic> {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 640 }, height: { ideal: 480 } },
      audio: true,
    });
    return { state: 'ready', stream };
  } catch (e) {
    const name = e instanceof DOMException ? e.name : '';
    return {
      state: 'failed',
      failure:
        name === 'NotAllowedError' ? 'denied' : name === 'NotFoundError' ? 'missing' : 'error',
    };
  }
}
