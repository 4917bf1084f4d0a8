// The phone records its own side track (ADR 0023) while its sitting is open: the same segments,
// outbox and resumable uploads as the laptop's camera, sent to the phone's own evidence path
// with the phone's token. Segments recorded offline go up when the network is back.
import { useEffect, useState } from 'react';
import { api as endpoints, type PhoneView } from '@emtihan/protocol';
import type { ApiClient } from '../api/client';
import { startSideRecording } from '../evidence/side.recorder';

/** The uploader speaks the student's evidence path; the phone's is `/api/phone/evidence/:seq`. */
const SIDE_PATH = /^\/api\/sessions\/[^/]+\/evidence\/side\/(\d+)/;
const phoneFetch: typeof fetch = (input, init) =>
  fetch(
    String(input).replace(SIDE_PATH, (_, seq: string) =>
      endpoints.uploadPhoneEvidence.path.replace(':seq', seq),
    ),
    init,
  );

export function useSideRecording(
  api: ApiClient,
  view: PhoneView,
  stream: MediaStream | null,
  sitting: PhoneView['sitting'],
): boolean {
  const [recording, setRecording] = useState(false);
  const open = sitting === 'checking-in' || sitting === 'running';
  useEffect(() => {
    if (!stream || !open) return;
    const side = startSideRecording(stream, view.sessionId, {
      fetchCsrf: async () => (await api.call('phone')).csrfToken,
      fetch: phoneFetch,
      firstSeq: view.nextSideSeq,
    });
    const on = setTimeout(() => setRecording(true), 0);
    return () => {
      clearTimeout(on);
      side.stop();
      setRecording(false);
    };
  }, [api, stream, open, view.sessionId, view.nextSideSeq]);
  return recording;
}
