// The student's evidence, from "Join meeting" to the end of the work: camera + microphone and
// the entire screen recorded in self-contained segments, camera and screen snapshots every N
// seconds, all kept on this computer until the server has them. One line in the workspace.
import { Alert, Group, Text, ThemeIcon } from '@mantine/core';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client';
import { useMedia } from '../media/media.context';
import { useSession } from '../session/session';
import type { EvidenceUploader } from './evidence.uploader';
import { evidenceOutbox, type Evidence } from './evidence.outbox';
import { PROFILES, segmentMs, SegmentRecorder, type RecorderProfile } from './segment.recorder';
import { captureJpeg, SNAPSHOT_PROFILES } from './snapshot.capture';

export type { Evidence } from './evidence.outbox';

/** One per session and page: uploads go on after the workspace closes (the receipt screen). */
const bySession = new Map<string, Evidence>();

/** The session's outbox and uploader (also an oral turn's: the same path, ADR 0012). */
export function evidenceFor(sessionId: string, api: ApiClient): Evidence {
  const found = bySession.get(sessionId);
  if (found) return found;
  const evidence = evidenceOutbox(sessionId, {
    fetchCsrf: async () => (await api.call('me')).csrfToken,
  });
  bySession.set(sessionId, evidence);
  return evidence;
}

/** Records `stream` in segments into the session's outbox while mounted and the stream lives. */
export function useSegments(
  evidence: Evidence,
  track: 'camera' | 'screen',
  stream: MediaStream | null,
  profile: RecorderProfile,
) {
  useEffect(() => {
    if (!stream) return;
    const recorder = new SegmentRecorder(
      stream,
      profile,
      segmentMs(),
      (s) => void evidence.keep(track, s.blob, s.contentType, s.startedAt, s.durationMs),
    );
    recorder.start();
    return () => recorder.stop();
  }, [evidence, track, stream, profile]);
}

function useSnapshots(
  evidence: Evidence,
  camera: MediaStream | null,
  screen: MediaStream | null,
  everySeconds: number,
) {
  useEffect(() => {
    const take = async () => {
      const at = Date.now();
      const [cam, scr] = await Promise.all([
        camera
          ? captureJpeg(camera, SNAPSHOT_PROFILES.camera.maxWidth, SNAPSHOT_PROFILES.camera.quality)
          : null,
        screen
          ? captureJpeg(screen, SNAPSHOT_PROFILES.screen.maxWidth, SNAPSHOT_PROFILES.screen.quality)
          : null,
      ]);
      if (cam) await evidence.keep('camera-snapshot', cam, 'image/jpeg', at, 0);
      if (scr) await evidence.keep('screen-snapshot', scr, 'image/jpeg', at, 0);
    };
    const first = setTimeout(() => void take(), 3000);
    const every = setInterval(() => void take(), everySeconds * 1000);
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  }, [evidence, camera, screen, everySeconds]);
}

export function EvidenceRecorder({
  sessionId,
  snapshotSeconds,
}: {
  sessionId: string;
  snapshotSeconds: number;
}) {
  const { api } = useSession();
  const { camera, microphone, screen, startMicrophone, needs } = useMedia();
  const evidence = useMemo(() => evidenceFor(sessionId, api), [sessionId, api]);
  // After a reload the microphone is off: once allowed, it needs no click to come back. The
  // camera's recording waits for that answer, so it does not restart a moment later.
  const askedMicrophone = useRef(false);
  const [micSettled, setMicSettled] = useState(microphone !== null || !needs.microphone);
  useEffect(() => {
    // A microphone the exam does not ask for is never asked for (`settings.media`).
    if (!needs.microphone || microphone || askedMicrophone.current) return;
    askedMicrophone.current = true;
    void startMicrophone().finally(() => setMicSettled(true));
  }, [needs.microphone, microphone, startMicrophone]);
  // Camera picture with the microphone's sound, in one file.
  const cameraWithSound = useMemo(
    () =>
      camera && (micSettled || microphone)
        ? new MediaStream([...camera.getVideoTracks(), ...(microphone?.getAudioTracks() ?? [])])
        : null,
    [camera, microphone, micSettled],
  );
  useSegments(evidence, 'camera', cameraWithSound, PROFILES.camera);
  useSegments(evidence, 'screen', screen, PROFILES.screen);
  useSnapshots(evidence, camera, screen, snapshotSeconds);
  return <EvidenceStatus uploader={evidence.uploader} />;
}

function formatMb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/** How much evidence still waits on this computer, announced politely. */
export function EvidenceStatus({ uploader }: { uploader: EvidenceUploader }) {
  const { t } = useTranslation();
  const s = useSyncExternalStore(uploader.subscribe, uploader.getStatus);
  const text =
    s.pendingCount === 0
      ? t('evidence.status.allSent')
      : t('evidence.status.waiting', { size: formatMb(s.pendingBytes), n: s.pendingCount });
  const why =
    s.pendingCount === 0
      ? null
      : s.problem === 'insufficient-storage'
        ? t('evidence.status.storageFull')
        : s.problem
          ? t('evidence.status.offline')
          : null;
  return (
    <>
      <Group gap={6} wrap="nowrap">
        <ThemeIcon
          size={14}
          radius="xl"
          color={s.pendingCount === 0 ? 'green' : 'orange'}
          aria-hidden
        >
          <span />
        </ThemeIcon>
        <Text size="sm" role="status" data-evidence-pending={s.pendingCount}>
          {why ? `${text} ${why}` : text}
        </Text>
      </Group>
      {s.refusedCount > 0 ? (
        <Alert color="red" variant="light" role="alert">
          {t('evidence.status.refused', { n: s.refusedCount })}
        </Alert>
      ) : null}
    </>
  );
}
