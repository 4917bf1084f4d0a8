// Thin wrappers over the browser's media APIs, returning outcomes instead of throwing, so the
// screens can explain each failure.
import { dbfs, rms } from './system-check.rules';

export type DeviceFailure = 'denied' | 'missing' | 'error';

export type Acquired = { ok: true; stream: MediaStream } | { ok: false; failure: DeviceFailure };

function failureOf(error: unknown): DeviceFailure {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  return 'error';
}

export async function openCamera(): Promise<Acquired> {
  if (!navigator.mediaDevices?.getUserMedia) return { ok: false, failure: 'missing' };
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { width: { ideal: 1280 }, height: { ideal: 720 } },
      audio: false,
    });
    return { ok: true, stream };
  } catch (e) {
    return { ok: false, failure: failureOf(e) };
  }
}

/** The raw microphone: no noise suppression or gain control, so the noise estimate is honest. */
export async function openMicrophone(): Promise<Acquired> {
  if (!navigator.mediaDevices?.getUserMedia) return { ok: false, failure: 'missing' };
  try {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
      video: false,
    });
    return { ok: true, stream };
  } catch (e) {
    return { ok: false, failure: failureOf(e) };
  }
}

export type ScreenAcquired =
  | { ok: true; stream: MediaStream; surface: string | undefined }
  | { ok: false; failure: 'denied' | 'unsupported' | 'error' };

/** Asks for the whole screen; the browser still lets the person pick a window or a tab. */
export async function openScreen(): Promise<ScreenAcquired> {
  if (!navigator.mediaDevices?.getDisplayMedia) return { ok: false, failure: 'unsupported' };
  try {
    const stream = await navigator.mediaDevices.getDisplayMedia({
      video: { displaySurface: 'monitor' },
      audio: false,
      // Chromium: offer the entire screen first, and do not offer this very tab.
      monitorTypeSurfaces: 'include',
      selfBrowserSurface: 'exclude',
      surfaceSwitching: 'exclude',
    } as DisplayMediaStreamOptions);
    const surface = stream.getVideoTracks()[0]?.getSettings().displaySurface;
    return { ok: true, stream, surface };
  } catch (e) {
    const name = e instanceof DOMException ? e.name : '';
    return { ok: false, failure: name === 'NotAllowedError' ? 'denied' : 'error' };
  }
}

export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** A live stream whose tracks still run. */
export const isLive = (stream: MediaStream | null | undefined): stream is MediaStream =>
  !!stream && stream.getTracks().some((t) => t.readyState === 'live');

/**
 * Reads the microphone's level every `intervalMs` (dBFS of the block). Returns a stop function.
 * Blocks feed both the live meter and the 10-second noise estimate.
 */
export function listenLevel(
  stream: MediaStream,
  onBlock: (dbfsValue: number) => void,
  intervalMs = 100,
): () => void {
  const context = new AudioContext();
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  void context.resume().catch(() => {});
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    onBlock(dbfs(rms(samples)));
  }, intervalMs);
  return () => {
    clearInterval(timer);
    source.disconnect();
    void context.close().catch(() => {});
  };
}

/** One JPEG frame of a playing video, through a canvas. */
export function captureJpeg(video: HTMLVideoElement, quality = 0.9): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth || 640;
  canvas.height = video.videoHeight || 480;
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no 2d canvas'));
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no JPEG'))), 'image/jpeg', quality),
  );
}

/** How long a clip may run past its time while the encoder has not delivered anything yet. */
const GRACE_MS = 10_000;

/** Records `seconds` of the camera as WebM; `onTick` gets the seconds left. */
export function recordClip(
  stream: MediaStream,
  seconds: number,
  onTick: (left: number) => void,
): { done: Promise<Blob>; cancel: () => void } {
  const type = ['video/webm;codecs=vp8', 'video/webm'].find((t) =>
    MediaRecorder.isTypeSupported(t),
  );
  const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
  const chunks: Blob[] = [];
  let left = seconds;
  let timer: ReturnType<typeof setInterval> | null = null;
  // On a slow computer the encoder may not have produced its first frame when the time is up:
  // then the recorder keeps going until it has (at most GRACE_MS more) instead of failing.
  let finishing = false;
  let grace: ReturnType<typeof setTimeout> | null = null;
  const stop = () => {
    if (grace) clearTimeout(grace);
    if (recorder.state !== 'inactive') recorder.stop();
  };
  const done = new Promise<Blob>((resolve, reject) => {
    recorder.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
      if (finishing && chunks.length > 0) stop();
    };
    recorder.onstop = () =>
      chunks.length > 0
        ? resolve(new Blob(chunks, { type: 'video/webm' }))
        : reject(new Error('nothing recorded'));
    recorder.onerror = () => reject(new Error('recording failed'));
  });
  recorder.start(1000);
  onTick(left);
  timer = setInterval(() => {
    left -= 1;
    onTick(left);
    if (left <= 0) {
      if (timer) clearInterval(timer);
      if (chunks.length > 0) return stop();
      finishing = true;
      grace = setTimeout(stop, GRACE_MS);
    }
  }, 1000);
  return {
    done,
    cancel: () => {
      if (timer) clearInterval(timer);
      chunks.length = 0;
      stop();
    },
  };
}
