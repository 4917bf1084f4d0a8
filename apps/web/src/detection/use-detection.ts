// The student's automatic checks: camera frames go to the vision worker at an adaptive rate,
// the microphone to Silero VAD; what they find goes out through the signal sink (with a small
// JPEG where it may raise a flag). A model that fails reports "degraded" and the others go on;
// nothing here can block the exam.
import { useEffect, useRef, useState } from 'react';
import type { DetectorName } from '@emtihan/domain';
import type { RatePlan } from '@emtihan/detection';
import { adaptPlan, initialPlan, smooth } from '@emtihan/detection';
import { useMedia } from '../media/media.context';
import { useSignalSink, type SignalInput, type SignalSink } from '../signals/signal-sink';
import {
  ALL_CHECKS,
  checkAllows,
  createSignalGate,
  visionWanted,
  type BrowserChecks,
} from './signal-gate';
import { startSpeech } from './speech';
import type { FromWorker, ToWorker } from './vision.protocol';

export interface DetectionOptions {
  /** URL of the check-in face photo where the exam matches faces; null: matching off. */
  referencePhotoUrl?: string | null;
  antispoof?: boolean;
  /** False outside the work (paused, submitted): everything stops. */
  enabled?: boolean;
  /** The exam's checks (`settings.checks`): one that is off does not run or send. */
  checks?: BrowserChecks;
}

export interface DetectionStatus {
  vision: 'off' | 'starting' | 'on' | 'failed';
  speech: 'off' | 'starting' | 'on' | 'failed';
  /** Detectors reported degraded so far. */
  degraded: DetectorName[];
  /** Faces in the latest frame (null before the first). */
  faces: number | null;
}

/** Test hook: when a page defines this array, every pushed signal is also recorded there. */
declare global {
  interface Window {
    __emtihanSignalLog?: { signal: SignalInput; evidence: boolean }[];
    __emtihanDetectionStats?: {
      plan: RatePlan;
      faceMs: number | null;
      heavyMs: number | null;
      frames: number;
      threads: boolean;
    };
  }
}

function pushTo(sink: SignalSink, signal: SignalInput, evidence?: Blob): void {
  sink.push(signal, evidence);
  window.__emtihanSignalLog?.push({ signal, evidence: !!evidence });
}

const START_TIMEOUT_MS = 120_000;
const FRAME_WIDTH = 640;

export function useDetection(options: DetectionOptions = {}): DetectionStatus {
  const { camera, microphone, startCamera, startMicrophone, needs } = useMedia();
  const sink = useSignalSink();
  const sinkRef = useRef(sink);
  useEffect(() => {
    sinkRef.current = sink;
  }, [sink]);
  const enabled = options.enabled ?? true;
  const reference = options.referencePhotoUrl ?? null;
  const antispoof = options.antispoof ?? false;
  // A check runs only where the exam turns it on and asks for its device.
  const checks = options.checks ?? ALL_CHECKS;
  const vision = enabled && needs.camera && visionWanted(checks);
  const speech = enabled && needs.microphone && checks.speech;
  const { faces: faceCheck, headPose: poseCheck, objects: objectCheck } = checks;
  const [status, setStatus] = useState<DetectionStatus>({
    vision: 'off',
    speech: 'off',
    degraded: [],
    faces: null,
  });
  const reported = useRef(new Set<DetectorName>());

  // Stable: reads only refs and the state setter.
  const degradeRef = useRef((detector: DetectorName, detail: string) => {
    if (reported.current.has(detector)) return;
    reported.current.add(detector);
    pushTo(sinkRef.current, { kind: 'detector', detector, status: 'degraded', detail });
    setStatus((s) => ({ ...s, degraded: [...s.degraded, detector] }));
  });

  // After a reload the page has no streams yet: ask once (allowed at check-in, so no prompt).
  const asked = useRef(false);
  useEffect(() => {
    if ((!vision && !speech) || asked.current) return;
    asked.current = true;
    if (vision && !camera) void startCamera();
    if (speech && !microphone) void startMicrophone();
  }, [vision, speech, camera, microphone, startCamera, startMicrophone]);

  // Vision: one worker per camera stream.
  useEffect(() => {
    if (!vision || !camera || camera.getVideoTracks().length === 0) return;
    const allowed: BrowserChecks = {
      faces: faceCheck,
      headPose: poseCheck,
      objects: objectCheck,
      speech: false,
    };
    let stopped = false;
    let worker: Worker;
    try {
      worker = new Worker(new URL('./vision.worker.ts', import.meta.url), { type: 'module' });
    } catch (error) {
      void Promise.resolve().then(() => {
        degradeRef.current('face', `worker: ${String(error)}`);
        degradeRef.current('objects', 'worker did not start');
        setStatus((s) => ({ ...s, vision: 'failed' }));
      });
      return;
    }
    const send = (message: ToWorker, transfer: Transferable[] = []) =>
      worker.postMessage(message, transfer);

    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = camera;
    void video.play().catch(() => undefined);

    let plan = initialPlan();
    let faceMs: number | null = null;
    let heavyMs: number | null = null;
    let frames = 0;
    let busy = false;
    let ready = false;
    let matching = false;
    let threads = false;
    let lastHeavy = -Infinity;
    let lastAdapt = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const gate = createSignalGate();

    const fail = (detail: string) => {
      if (stopped) return;
      degradeRef.current('face', detail);
      degradeRef.current('objects', detail);
      if (reference) degradeRef.current('face-match', detail);
      setStatus((s) => ({ ...s, vision: 'failed' }));
      stop();
    };
    const startTimeout = setTimeout(() => {
      if (!ready) fail('models did not load in time');
    }, START_TIMEOUT_MS);

    const tick = async () => {
      timer = undefined;
      if (stopped) return;
      const now = performance.now();
      if (!busy && video.readyState >= 2 && video.videoWidth > 0) {
        busy = true;
        try {
          const width = Math.min(FRAME_WIDTH, video.videoWidth);
          const height = Math.round((video.videoHeight * width) / video.videoWidth);
          const bitmap = await createImageBitmap(video, {
            resizeWidth: width,
            resizeHeight: height,
          });
          const heavy = now - lastHeavy >= plan.heavyIntervalMs;
          if (heavy) lastHeavy = now;
          send(
            {
              type: 'frame',
              id: ++frames,
              bitmap,
              stages: {
                // No face model at all for a student whose face and head-pose checks are off.
                faces: faceCheck || poseCheck,
                objects: heavy && objectCheck,
                faceMatch: heavy && matching,
              },
            },
            [bitmap],
          );
        } catch {
          busy = false;
        }
      }
      if (!stopped) timer = setTimeout(() => void tick(), plan.faceIntervalMs);
    };

    const onResult = (message: Extract<FromWorker, { type: 'result' }>) => {
      busy = false;
      const heavyCost = (message.ms.objects ?? 0) + (message.ms.faceMatch ?? 0);
      if (message.ms.objects !== undefined || message.ms.faceMatch !== undefined) {
        heavyMs = smooth(heavyMs, heavyCost);
        if (message.ms.faceMatch === undefined) faceMs = smooth(faceMs, message.ms.faces);
      } else {
        faceMs = smooth(faceMs, message.ms.faces);
      }
      const now = performance.now();
      if (now - lastAdapt > 5_000 && faceMs !== null) {
        lastAdapt = now;
        plan = adaptPlan(plan, { faceMs, heavyMs: heavyMs ?? 0 });
      }
      window.__emtihanDetectionStats = { plan, faceMs, heavyMs, frames, threads };
      const signals = gate.next(now, message.faces, message.objects, message.similarity);
      for (const signal of signals) {
        if (!checkAllows(signal, allowed)) continue;
        const withEvidence =
          message.evidence &&
          (signal.kind === 'face-count' ||
            signal.kind === 'objects' ||
            signal.kind === 'face-match')
            ? message.evidence
            : undefined;
        pushTo(sinkRef.current, signal, withEvidence);
      }
      // The face line is shown only where the face check runs.
      const faces = faceCheck ? message.faces.length : null;
      setStatus((s) => (s.faces === faces ? s : { ...s, faces }));
    };

    const loadReference = async (url: string) => {
      try {
        const response = await fetch(url, { credentials: 'same-origin' });
        if (!response.ok) throw new Error(`check-in photo: HTTP ${response.status}`);
        const bitmap = await createImageBitmap(await response.blob());
        if (!stopped) send({ type: 'reference', bitmap }, [bitmap]);
      } catch (error) {
        degradeRef.current('face-match', String(error instanceof Error ? error.message : error));
      }
    };

    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (stopped) return;
      switch (message.type) {
        case 'ready':
          ready = true;
          threads = message.threads;
          clearTimeout(startTimeout);
          for (const d of message.degraded) degradeRef.current(d.detector, d.detail);
          setStatus((s) => ({ ...s, vision: 'on' }));
          if (reference) void loadReference(reference);
          void tick();
          break;
        case 'reference':
          matching = message.ok;
          if (!message.ok) degradeRef.current('face-match', message.detail);
          break;
        case 'result':
          onResult(message);
          break;
        case 'failed':
          if (message.fatal) fail(message.detail);
          else busy = false;
          break;
      }
    };
    worker.onerror = (event) => fail(`worker error: ${event.message || 'script failed'}`);
    send({
      type: 'init',
      modelBasePath: new URL('/models/human/', location.href).href,
      wasmPath: new URL('/models/tfjs/', location.href).href,
      antispoof,
      faceMatch: !!reference,
    });

    function stop() {
      stopped = true;
      clearTimeout(startTimeout);
      if (timer) clearTimeout(timer);
      worker.terminate();
      video.srcObject = null;
    }
    return () => {
      stop();
      setStatus((s) => ({ ...s, vision: 'off', faces: null }));
    };
  }, [vision, camera, reference, antispoof, faceCheck, poseCheck, objectCheck]);

  // Speech: Silero VAD on the microphone.
  useEffect(() => {
    if (!speech || !microphone || microphone.getAudioTracks().length === 0) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    startSpeech(microphone, {
      onSpeech: (active) => pushTo(sinkRef.current, { kind: 'speech', active }),
    }).then(
      (s) => {
        if (cancelled) return s();
        stop = s;
        setStatus((st) => ({ ...st, speech: 'on' }));
      },
      (error: unknown) => {
        if (cancelled) return;
        degradeRef.current('speech', error instanceof Error ? error.message : String(error));
        setStatus((s) => ({ ...s, speech: 'failed' }));
      },
    );
    return () => {
      cancelled = true;
      stop?.();
      setStatus((s) => ({ ...s, speech: 'off' }));
    };
  }, [speech, microphone]);

  // Between asking and the first answer of the worker or VAD, the checks are starting.
  return {
    ...status,
    vision: status.vision === 'off' && vision && camera ? 'starting' : status.vision,
    speech: status.speech === 'off' && speech && microphone ? 'starting' : status.speech,
  };
}
