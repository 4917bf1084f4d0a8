// The phones of an exam's sittings, for the proctor's console (ADR 0023): each sitting's status
// read once, then kept by the `second-camera` messages of the exam's staff room.
import { useCallback, useEffect, useState } from 'react';
import type { SecondCameraStatus } from '@emtihan/protocol';
import type { ApiClient } from '../api/client';

export function useSecondCameras(
  api: ApiClient,
  used: boolean,
  sessionIds: readonly string[],
): {
  cameras: ReadonlyMap<string, SecondCameraStatus>;
  receive(sessionId: string, camera: SecondCameraStatus): void;
} {
  const [cameras, setCameras] = useState<ReadonlyMap<string, SecondCameraStatus>>(new Map());
  const receive = useCallback((sessionId: string, camera: SecondCameraStatus) => {
    setCameras((m) => new Map(m).set(sessionId, camera));
  }, []);
  const key = sessionIds.join(',');
  useEffect(() => {
    if (!used) return;
    let live = true;
    for (const sessionId of key.split(',').filter(Boolean)) {
      void api.call('secondCamera', { params: { sessionId } }).then(
        (c) => live && setCameras((m) => (m.has(sessionId) ? m : new Map(m).set(sessionId, c))),
        () => {},
      );
    }
    return () => {
      live = false;
    };
  }, [api, used, key]);
  return { cameras, receive };
}
