// Signals from the student's page to the server, and the flags the server raises from them
// (ADR 0006). The wire form of a signal is the domain's `Signal` with an id; every field is
// bounded, so a tampered client cannot make the server store or evaluate nonsense.
import { z } from 'zod';
import {
  flagCategories,
  type DetectorName,
  type FlagCategory,
  type SecondCameraState,
  type Severity,
  type Signal,
} from '@emtihan/domain';
import { Id } from './common.schema.ts';

/** Server time in epoch ms, as the page stamps it. */
const At = z.number().int().min(0).max(8_640_000_000_000_000);
const Label = z.string().max(200);
const Degrees = z.number().min(-180).max(180);
const Detections = z
  .array(z.strictObject({ label: Label, score: z.number().min(0).max(1) }))
  .max(50);
const DetectorNames = ['face', 'objects', 'face-match', 'speech'] as const satisfies DetectorName[];
/** The states a paired phone reports of its camera (`SecondCameraState`). */
export const SECOND_CAMERA_STATES = [
  'live',
  'hidden',
  'ended',
  'frozen',
  'offline',
] as const satisfies SecondCameraState[];

export const WireSignal = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('face-count'), at: At, count: z.number().int().min(0).max(50) }),
  z.strictObject({ kind: z.literal('head-pose'), at: At, yawDeg: Degrees, pitchDeg: Degrees }),
  z.strictObject({ kind: z.literal('face-match'), at: At, similarity: z.number().min(0).max(1) }),
  z.strictObject({ kind: z.literal('objects'), at: At, detections: Detections }),
  z.strictObject({ kind: z.literal('speech'), at: At, active: z.boolean() }),
  z.strictObject({ kind: z.literal('visibility'), at: At, visible: z.boolean() }),
  z.strictObject({ kind: z.literal('focus'), at: At, focused: z.boolean() }),
  z.strictObject({ kind: z.literal('fullscreen'), at: At, active: z.boolean() }),
  z.strictObject({
    kind: z.literal('screen-share'),
    at: At,
    active: z.boolean(),
    displaySurface: z.enum(['monitor', 'window', 'browser']).nullable(),
  }),
  z.strictObject({ kind: z.literal('camera'), at: At, on: z.boolean() }),
  z.strictObject({ kind: z.literal('microphone'), at: At, on: z.boolean() }),
  z.strictObject({ kind: z.literal('displays'), at: At, count: z.number().int().min(0).max(16) }),
  z.strictObject({
    kind: z.literal('media-devices'),
    at: At,
    activeVideoInput: Label.nullable(),
    activeAudioOutput: Label.nullable(),
    videoInputs: z.array(Label).max(32),
    audioOutputs: z.array(Label).max(32),
  }),
  z.strictObject({
    kind: z.literal('clipboard'),
    at: At,
    action: z.enum(['copy', 'cut', 'paste']),
  }),
  z.strictObject({ kind: z.literal('context-menu'), at: At }),
  z.strictObject({ kind: z.literal('graphics'), at: At, renderer: Label }),
  z.strictObject({ kind: z.literal('connectivity'), at: At, online: z.boolean() }),
  // The paired phone as a second camera (issue 27); `offline` is also made by the server.
  z.strictObject({
    kind: z.literal('second-camera'),
    at: At,
    state: z.enum(SECOND_CAMERA_STATES),
  }),
  z.strictObject({
    kind: z.literal('second-camera-battery'),
    at: At,
    level: z.number().min(0).max(1),
    charging: z.boolean(),
  }),
  z.strictObject({
    kind: z.literal('detector'),
    at: At,
    detector: z.enum(DetectorNames),
    status: z.enum(['ok', 'degraded']),
    detail: z.string().max(500),
  }),
]);
// The wire form and the domain's union must stay the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameShape: Same<z.infer<typeof WireSignal>, Signal> = true;
void _sameShape;

export const MAX_SIGNALS_PER_BATCH = 200;
export const MAX_EVIDENCE_BYTES = 128 * 1024;

/** A JPEG as a binary socket payload (an ArrayBuffer from the browser, a Buffer in Node). */
const Jpeg = z.custom<Uint8Array | ArrayBuffer>(
  (v) =>
    (v instanceof Uint8Array || v instanceof ArrayBuffer) &&
    v.byteLength > 3 &&
    v.byteLength <= MAX_EVIDENCE_BYTES,
  { message: `evidence must be a JPEG of at most ${MAX_EVIDENCE_BYTES} bytes` },
);

/**
 * Client → server: a batch of one sitting's signals, numbered per session (`seq` from 0). The
 * server stores a batch once (idempotent by session + seq) and acknowledges after it is on
 * disk; the page keeps it in its outbox until then.
 */
export const SignalBatchMessage = z.strictObject({
  type: z.literal('signals'),
  sessionId: Id,
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  signals: z.array(WireSignal).min(1).max(MAX_SIGNALS_PER_BATCH),
  /** A small JPEG of the moment of `signals[index]`, kept as the evidence of a flag it raises. */
  evidence: z
    .strictObject({
      index: z
        .number()
        .int()
        .min(0)
        .max(MAX_SIGNALS_PER_BATCH - 1),
      jpeg: Jpeg,
    })
    .optional(),
});
export type SignalBatchMessage = z.infer<typeof SignalBatchMessage>;

/** The acknowledgement of a stored batch (`duplicate`: it had been stored before). */
export interface SignalBatchAck {
  ok: true;
  seq: number;
  duplicate: boolean;
}

export const FLAG_CATEGORIES = flagCategories as readonly FlagCategory[] as [
  FlagCategory,
  ...FlagCategory[],
];
export const FlagCategorySchema = z.enum(FLAG_CATEGORIES);
export const SeveritySchema = z.enum(['minor', 'gross'] as const satisfies Severity[]);

/** A flag as staff see it: a suspicion for a person to look at, never a verdict. */
/**
 * What the server's own detectors saw on a flag's evidence snapshot (ADR 0009): the client's
 * result is not taken on trust. `pending` until the job ran; never changes the flag itself.
 */
export const ServerCheckView = z.object({
  status: z.enum(['pending', 'done', 'failed']),
  /** Faces counted on the snapshot. */
  faces: z.number().int().min(0).optional(),
  /** Exam objects seen (labels as the object model names them). */
  objects: z.array(z.string()).optional(),
  /** Where the exam matches faces: the one face's similarity to the check-in photo, 0..1. */
  similarity: z.number().min(0).max(1).optional(),
});
export type ServerCheckView = z.infer<typeof ServerCheckView>;

export const FlagView = z.object({
  id: Id,
  sessionId: Id,
  category: FlagCategorySchema,
  severity: SeveritySchema,
  startAt: z.number(),
  /** For an ongoing flag: the last time the server evaluated it. */
  endAt: z.number(),
  ongoing: z.boolean(),
  /** A session file (GET /api/sessions/:id/files/:fileId) with the JPEG of the moment. */
  evidenceFileId: Id.nullable(),
  /** The server's re-check of the evidence snapshot; absent when there is none (yet known). */
  serverCheck: ServerCheckView.nullable().optional(),
});
export type FlagView = z.infer<typeof FlagView>;

/** Server → the exam's staff room: a flag was raised, changed severity, or ended. */
export const FlagMessage = z.object({
  type: z.literal('flag'),
  examId: Id,
  studentId: Id,
  change: z.enum(['raised', 'updated', 'ended']),
  flag: FlagView,
});
export type FlagMessage = z.infer<typeof FlagMessage>;

/** One sitting as its last stored signal batch left it. */
export const LiveState = z.object({
  sessionId: Id,
  studentId: Id,
  /** The batch's latest signal (server time): the student's page was alive and watched then. */
  at: z.number(),
  seq: z.number(),
  /** Conditions holding now that may still become flags by time (a hidden tab, no face). */
  holding: z.array(FlagCategorySchema),
  /**
   * The paired phone as a second camera, as its last signals left it (absent or null: no phone
   * signal yet): its camera's state and its battery (0..1), so the tile can say "phone battery
   * low" or "phone camera stopped" at once.
   */
  secondCamera: z
    .object({
      state: z.enum(SECOND_CAMERA_STATES).nullable(),
      battery: z.object({ level: z.number(), charging: z.boolean() }).nullable(),
    })
    .nullable()
    .optional(),
});
export type LiveState = z.infer<typeof LiveState>;

/**
 * Server → the exam's staff room, after each group commit: the sittings whose signals were
 * just stored (ADR 0015). One message per exam and commit, however many students it carries.
 */
export const LiveStatesMessage = z.object({
  type: z.literal('live-states'),
  examId: Id,
  states: z.array(LiveState),
});
export type LiveStatesMessage = z.infer<typeof LiveStatesMessage>;
