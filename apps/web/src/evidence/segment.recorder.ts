// Records one stream in self-contained segments: a fresh MediaRecorder every `segmentMs`, so
// each segment is a whole WebM file that plays on its own (with a timeslice only the first chunk
// carries the header). The next recorder starts before the previous one stops: no gap.

export interface RecorderProfile {
  /** Preferred container/codecs, first supported wins. */
  mimeTypes: string[];
  videoBitsPerSecond: number;
  audioBitsPerSecond?: number;
  /**
   * Frames per second recorded at most. The recorder takes a copy of the video track with this
   * limit, so the live picture the proctor sees keeps its own rate.
   */
  maxFrameRate?: number;
  /**
   * The largest picture recorded (the copy is scaled down, keeping its shape). At these bitrates
   * a smaller picture keeps more detail per pixel, and the student's computer encodes a fifth of
   * the pixels of a 1280×720 camera at 20 fps.
   */
  maxSize?: { width: number; height: number };
}

/**
 * Bitrates that keep camera + microphone + screen + snapshots at ≤ 60 MB per exam-hour
 * (36 + 16 + 64 kbit/s ≈ 52 MB/h of recordings); the screen is recorded at a low frame rate
 * with VP9, which keeps text sharp at low bitrates: at 30 fps the encoder cannot hold 64 kbit/s
 * on a full-HD screen and doubles it (`npm run bench:evidence`, ADR 0008).
 */
export const PROFILES = {
  camera: {
    mimeTypes: ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm'],
    videoBitsPerSecond: 36_000,
    audioBitsPerSecond: 16_000,
    maxFrameRate: 15,
    maxSize: { width: 640, height: 360 },
  },
  screen: {
    mimeTypes: ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'],
    videoBitsPerSecond: 64_000,
    maxFrameRate: 5,
  },
  /**
   * The student's phone as a second camera (issue 27): the camera's picture profile without
   * sound (the laptop records the room's sound). MP4 last, for iPhones, whose Safari records
   * no WebM.
   */
  side: {
    mimeTypes: ['video/webm;codecs=vp8', 'video/webm;codecs=vp9', 'video/webm', 'video/mp4'],
    videoBitsPerSecond: 40_000,
    maxFrameRate: 15,
    maxSize: { width: 640, height: 360 },
  },
} satisfies Record<string, RecorderProfile>;

/** Length of a segment: a lost acknowledgement costs at most this much resent. */
export const SEGMENT_SECONDS = 60;

/** Segment length: a minute by default; `?segmentSeconds=` shortens it (tests, demos). */
export function segmentMs(): number {
  const search = typeof window === 'undefined' ? '' : window.location.search;
  const asked = Number(new URLSearchParams(search).get('segmentSeconds'));
  return Number.isFinite(asked) && asked >= 5 && asked <= 600
    ? asked * 1000
    : SEGMENT_SECONDS * 1000;
}

export interface RecordedSegment {
  blob: Blob;
  contentType: string;
  startedAt: number;
  durationMs: number;
}

export function pickMimeType(profile: RecorderProfile): string | undefined {
  if (typeof MediaRecorder === 'undefined') return undefined;
  return profile.mimeTypes.find((m) => MediaRecorder.isTypeSupported(m));
}

export class SegmentRecorder {
  private current: MediaRecorder | null = null;
  private recorded: MediaStream;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly mimeType: string | undefined;

  constructor(
    private readonly stream: MediaStream,
    private readonly profile: RecorderProfile,
    private readonly segmentMs: number,
    private readonly onSegment: (s: RecordedSegment) => void,
  ) {
    this.mimeType = pickMimeType(profile);
    this.recorded = stream;
  }

  start(): void {
    this.stopped = false;
    this.recorded = this.limited();
    this.next();
  }

  /** Ends the current segment (it is still delivered) and records no more. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const copy = this.recorded !== this.stream ? this.recorded : null;
    const last = this.current;
    this.current = null;
    // The copy's tracks end once the last segment has its data.
    if (last && copy) last.addEventListener('stop', () => stopTracks(copy), { once: true });
    else if (copy) stopTracks(copy);
    this.finish(last);
  }

  /** The stream to record: a copy limited to `maxFrameRate` and `maxSize`, or the stream itself. */
  private limited(): MediaStream {
    const { maxFrameRate, maxSize } = this.profile;
    if ((!maxFrameRate && !maxSize) || this.stream.getVideoTracks().length === 0)
      return this.stream;
    const constraints: MediaTrackConstraints = {
      ...(maxFrameRate ? { frameRate: { max: maxFrameRate } } : {}),
      ...(maxSize ? { width: { max: maxSize.width }, height: { max: maxSize.height } } : {}),
    };
    const copy = this.stream.clone();
    for (const track of copy.getVideoTracks())
      void track.applyConstraints(constraints).catch(() => {});
    return copy;
  }

  private next(): void {
    if (this.stopped) return;
    if (!this.recorded.getTracks().some((t) => t.readyState === 'live')) return;
    const previous = this.current;
    let recorder: MediaRecorder;
    try {
      recorder = new MediaRecorder(this.recorded, {
        ...(this.mimeType ? { mimeType: this.mimeType } : {}),
        videoBitsPerSecond: this.profile.videoBitsPerSecond,
        ...(this.profile.audioBitsPerSecond
          ? { audioBitsPerSecond: this.profile.audioBitsPerSecond }
          : {}),
      });
    } catch {
      return;
    }
    const chunks: Blob[] = [];
    const startedAt = Date.now();
    recorder.addEventListener('dataavailable', (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    });
    recorder.addEventListener('stop', () => {
      const durationMs = Date.now() - startedAt;
      const size = chunks.reduce((n, c) => n + c.size, 0);
      // Stopped before its first frame (the stream changed at once): a header, not evidence.
      if (size === 0 || (durationMs < 1500 && size < 2048)) return;
      const contentType = (recorder.mimeType || 'video/webm').split(';')[0]!;
      const blob = new Blob(chunks, { type: contentType });
      this.onSegment({ blob, contentType, startedAt, durationMs });
    });
    recorder.start();
    this.current = recorder;
    this.finish(previous);
    this.timer = setTimeout(() => this.next(), this.segmentMs);
  }

  private finish(recorder: MediaRecorder | null): void {
    if (recorder && recorder.state !== 'inactive') recorder.stop();
  }
}

function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
