// The phone's own recording as a second camera (issue 27): the `side` track, recorded on the
// phone in self-contained segments (at most 640×360, 15 fps, ≈ 40 kbit/s, no sound) and sent
// through the same resumable evidence path as the laptop's camera: kept in the phone's outbox
// (IndexedDB) until the server acknowledges each one by (session, track, seq, SHA-256), so the
// segments recorded while the phone's network was down go up when it is back.
//
// Usage on the phone page, once the camera is granted and the phone paired:
//
//   const side = startSideRecording(stream, sessionId, {
//     // The phone's credential's CSRF token (the uploads go with the page's cookies).
//     fetchCsrf: async () => (await api.call('me')).csrfToken,
//     // Above what the server holds from an earlier phone of this sitting (e.g. the pairing
//     // answer's count of side segments), so a replacing phone never reuses a number.
//     firstSeq: pairing.nextSideSeq,
//   });
//   side.uploader.subscribe(() => show(side.uploader.getStatus())); // pending count/bytes, problem
//   …
//   side.stop(); // the sitting ended or the phone was replaced: the last segment is still kept
//
// Call it again with the new stream after switching cameras (it stops the previous recording
// of the same session first); the segment numbers go on from where they were.
import type { SegmentStore } from './segment.store';
import { evidenceOutbox, type Evidence } from './evidence.outbox';
import type { EvidenceUploader } from './evidence.uploader';
import {
  PROFILES,
  segmentMs as pageSegmentMs,
  SegmentRecorder,
  type RecordedSegment,
} from './segment.recorder';

export interface SideUploaderOptions {
  /** The CSRF token the uploads carry; asked again after a 401 or a CSRF refusal. */
  fetchCsrf: () => Promise<string>;
  /** How requests go out (default: the page's `fetch`, with the phone's cookies). */
  fetch?: typeof fetch;
  /** Where segments wait (default: the phone's IndexedDB; in memory without one). */
  store?: SegmentStore;
  /** The lowest sequence number the phone's next segment may take (default 0). */
  firstSeq?: number;
  /** Segment length (default: a minute, or the page's `?segmentSeconds=`). */
  segmentMs?: number;
}

export interface SideRecording {
  /** The phone's outbox: what waits, and the uploader's status (`subscribe`, `getStatus`). */
  evidence: Evidence;
  uploader: EvidenceUploader;
  /** Ends the current segment (it is kept and sent) and records no more. */
  stop(): void;
}

/** One outbox per session on this page; one recording at a time. */
const outboxes = new Map<string, Evidence>();
const recording = new Map<string, SegmentRecorder>();

/**
 * The session's side outbox on this device (made once per page): `keep` stores a side segment
 * and the uploader sends it. `startSideRecording` uses it; exported for the tests.
 */
export function sideEvidence(sessionId: string, o: SideUploaderOptions): Evidence {
  const found = outboxes.get(sessionId);
  if (found) return found;
  const evidence = evidenceOutbox(sessionId, {
    fetchCsrf: o.fetchCsrf,
    ...(o.fetch ? { fetch: o.fetch } : {}),
    ...(o.store ? { store: o.store } : {}),
    minSeq: { side: o.firstSeq ?? 0 },
  });
  outboxes.set(sessionId, evidence);
  return evidence;
}

/** Keeps one recorded side segment in the outbox (what the recorder calls at each segment's end). */
export const keepSide = (evidence: Evidence, s: RecordedSegment): Promise<void> =>
  evidence.keep('side', s.blob, s.contentType, s.startedAt, s.durationMs);

/** Starts recording the phone's camera `stream` as the session's `side` track. */
export function startSideRecording(
  stream: MediaStream,
  sessionId: string,
  options: SideUploaderOptions,
): SideRecording {
  recording.get(sessionId)?.stop();
  const evidence = sideEvidence(sessionId, options);
  // Video only: the phone's microphone would record the room a second time.
  const video = new MediaStream(stream.getVideoTracks());
  const recorder = new SegmentRecorder(
    video,
    PROFILES.side,
    options.segmentMs ?? pageSegmentMs(),
    (s) => void keepSide(evidence, s),
  );
  recorder.start();
  recording.set(sessionId, recorder);
  return {
    evidence,
    uploader: evidence.uploader,
    stop() {
      recorder.stop();
      if (recording.get(sessionId) === recorder) recording.delete(sessionId);
    },
  };
}
