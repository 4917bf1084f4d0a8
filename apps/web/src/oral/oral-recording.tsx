// The recording of an oral turn, made in the student's browser when the slot says "record"
// (ADR 0012): the student's camera with one sound track that mixes the student's microphone and
// every other participant's voice (WebAudio), and the screen while it is shared. Segments take
// the written exam's evidence path: IndexedDB outbox, idempotent upload, hashes in the chain.
import { Alert } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EvidenceStatus, evidenceFor, useSegments } from '../evidence/evidence.recorder';
import { PROFILES } from '../evidence/segment.recorder';
import { useSession } from '../session/session';

/**
 * One audio track carrying the sound of all `streams` (those without sound are skipped). The
 * track stays the same while people come and go, so the recorder never restarts for that.
 */
function useAudioMix(streams: MediaStream[]): MediaStreamTrack | null {
  const mix = useMemo(() => {
    const ctx = new AudioContext();
    return { ctx, out: ctx.createMediaStreamDestination() };
  }, []);
  // Suspended, not closed, when the room goes: React's development remount reuses this context,
  // and a suspended context nobody references is collected.
  useEffect(() => {
    void mix.ctx.resume();
    return () => void mix.ctx.suspend();
  }, [mix]);
  // A remote stream gets its sound track a moment after its picture: count tracks in the key.
  const key = streams.map((s) => `${s.id}:${s.getAudioTracks().length}`).join(',');
  useEffect(() => {
    const sources = streams
      .filter((s) => s.getAudioTracks().length > 0)
      .map((s) => {
        const source = mix.ctx.createMediaStreamSource(s);
        source.connect(mix.out);
        return source;
      });
    return () => sources.forEach((s) => s.disconnect());
    // `key` names the streams and their sound tracks; the array itself changes on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mix, key]);
  return mix.out.stream.getAudioTracks()[0] ?? null;
}

export function OralRecording(props: {
  sessionId: string;
  /** This student's camera and microphone. */
  camera: MediaStream;
  /** The other participants' streams (their voices go into the recording). */
  remotes: MediaStream[];
  screen: MediaStream | null;
}) {
  const { api } = useSession();
  const evidence = useMemo(() => evidenceFor(props.sessionId, api), [props.sessionId, api]);
  const sound = useAudioMix([props.camera, ...props.remotes]);
  const recorded = useMemo(
    () => (sound ? new MediaStream([...props.camera.getVideoTracks(), sound]) : null),
    [props.camera, sound],
  );
  useSegments(evidence, 'camera', recorded, PROFILES.camera);
  useSegments(evidence, 'screen', props.screen, PROFILES.screen);
  return <EvidenceStatus uploader={evidence.uploader} />;
}

/**
 * After the turn: recorded parts still on this computer (the page was closed before they were
 * sent) go out now, and the student sees when all have arrived.
 */
export function OralRecordingUpload({ sessionId }: { sessionId: string }) {
  const { api } = useSession();
  const evidence = useMemo(() => evidenceFor(sessionId, api), [sessionId, api]);
  return <EvidenceStatus uploader={evidence.uploader} />;
}

/** What the student is told before and during a recorded oral exam. */
export function RecordedNotice() {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" title={t('oral.record.notice')}>
      {t('oral.record.detail')}
    </Alert>
  );
}
