import { z } from 'zod';
import type { WrittenSessionState } from '@emtihan/domain';
import { Id } from './common.schema.ts';
import { FlagView } from './signals.schema.ts';
import { SECOND_CAMERA_MODES } from './exam.schema.ts';

/** Hex SHA-256. */
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256');

/** An answer may hold this many characters of editor content (HTML). */
export const MAX_ANSWER_CHARS = 500_000;

export const SESSION_FILE_KINDS = [
  'id-document',
  'face',
  'room-scan',
  'attachment',
  /** A JPEG of the moment a flag began (sent with the signals, ADR 0006). */
  'flag-evidence',
] as const;
export const SessionFileKind = z.enum(SESSION_FILE_KINDS);
export type SessionFileKind = z.infer<typeof SessionFileKind>;

export const SessionFileView = z.object({
  id: Id,
  kind: SessionFileKind,
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: Sha256,
  createdAt: z.string(),
});
export type SessionFileView = z.infer<typeof SessionFileView>;

/** A file the examiner attached to the exam's task; students see it once work has started. */
export const TaskFileView = z.object({
  id: Id,
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: Sha256,
  createdAt: z.string(),
});
export type TaskFileView = z.infer<typeof TaskFileView>;
export const TaskFileListResponse = z.object({ files: z.array(TaskFileView) });
export type TaskFileListResponse = z.infer<typeof TaskFileListResponse>;
export const TaskFileParams = z.strictObject({ examId: Id, fileId: Id });
export const TaskFileQuery = z.strictObject({ name: z.string().trim().min(1).max(200) });

export const SavedAnswer = z.object({
  seq: z.number(),
  sha256: Sha256,
  body: z.string(),
  savedAt: z.string(),
});
export type SavedAnswer = z.infer<typeof SavedAnswer>;

/** A student's sitting as its owner and its staff see it. `state` is the domain's own JSON. */
export const SessionView = z.object({
  sessionId: Id,
  examId: Id,
  studentId: Id,
  state: z.custom<WrittenSessionState>(),
  /** Server time when this was read: the client's timer runs on it, never on its own clock. */
  serverNow: z.number(),
  answer: SavedAnswer.nullable(),
  /** The task text: shown from the start of work, never before. */
  task: z.string().nullable(),
  files: z.array(SessionFileView),
  /**
   * While waiting for the proctor: 1 for the first in line. Those not yet approved wait in the
   * order they finished check-in; absent otherwise.
   */
  waitingPlace: z.number().int().min(1).optional(),
  /** The task's files: empty until work has started, like the task. */
  taskFiles: z.array(TaskFileView).optional(),
});
export type SessionView = z.infer<typeof SessionView>;

export const FACE_VERDICTS = ['match', 'mismatch', 'undecided'] as const;
export const IDENTITY_NOTES = ['id-face-small', 'several-faces-on-id'] as const;
/** Why the check-in photo was not compared with the ID photo. */
export const IDENTITY_GAPS = [
  /** The exam does not match faces. */
  'off',
  /** The student did not agree to face matching. */
  'no-consent',
  'photos-missing',
  'no-face-on-id',
  'no-face-on-photo',
  'several-faces-on-photo',
  'face-photo-small',
  /** The server's detectors failed (models, decoding). */
  'failed',
  /** This server does not run detectors (SERVER_DETECTION off). */
  'unavailable',
] as const;

/**
 * GET /api/sessions/:id/identity-match — the check-in face photo against the face on the ID
 * photo, for the proctor's identity decision (a help, never a decision). Staff only.
 */
export const IdentityMatchView = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending') }),
  z.object({
    status: z.literal('computed'),
    similarity: z.number().min(0).max(1),
    verdict: z.enum(FACE_VERDICTS),
    idFaceWidth: z.number(),
    photoFaceWidth: z.number(),
    notes: z.array(z.enum(IDENTITY_NOTES)),
  }),
  z.object({ status: z.literal('not-computed'), reason: z.enum(IDENTITY_GAPS) }),
]);
export type IdentityMatchView = z.infer<typeof IdentityMatchView>;

export const ExamIdParams = z.strictObject({ examId: Id });
export const SessionFileParams = z.strictObject({ sessionId: Id, fileId: Id });
export const SessionIdParams = z.strictObject({ sessionId: Id });

/**
 * POST /api/sessions/:sessionId/answers — one autosave. Idempotent by (session, seq): the same
 * seq with the same hash is acknowledged again; a lower seq than the newest never replaces it.
 */
export const SaveAnswerBody = z.strictObject({
  seq: z.number().int().min(1),
  body: z.string().max(MAX_ANSWER_CHARS),
  sha256: Sha256,
});
export type SaveAnswerBody = z.infer<typeof SaveAnswerBody>;
export const SaveAnswerAck = z.object({ seq: z.number(), sha256: Sha256, duplicate: z.boolean() });
export type SaveAnswerAck = z.infer<typeof SaveAnswerAck>;

const reason = z.string().trim().min(3).max(2000);

export const INCIDENT_KINDS = ['power-outage', 'internet-lost', 'device-failure', 'other'] as const;

/** What a person asks to happen to a session; the actor is the caller, never a field. */
export const SessionCommand = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('begin-check-in') }),
  z.strictObject({
    type: z.literal('complete-check-in'),
    typedName: z.string().trim().min(2).max(200),
    /** Absent only where the exam's identity check leaves the ID photo out. */
    idDocumentSha256: Sha256.optional(),
    /** Absent only where the exam's identity check leaves the face photo out. */
    faceSha256: Sha256.optional(),
    roomScanSha256: Sha256.optional(),
    consentRecording: z.literal(true),
    consentFaceMatching: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('retry-check-in') }),
  z.strictObject({ type: z.literal('submit'), answerSha256: Sha256 }),
  z.strictObject({
    type: z.literal('report-incident'),
    kind: z.enum(INCIDENT_KINDS),
    note: z.string().max(2000).optional(),
  }),
  z.strictObject({ type: z.literal('acknowledge-warning'), warningId: Id }),
  z.strictObject({ type: z.literal('approve-identity') }),
  z.strictObject({ type: z.literal('reject-identity'), reason }),
  z.strictObject({ type: z.literal('pause'), note: z.string().max(2000).optional() }),
  z.strictObject({ type: z.literal('resume'), compensate: z.boolean().optional() }),
  z.strictObject({
    type: z.literal('grant-compensation'),
    minutes: z.number().positive().max(600),
    reason,
  }),
  /** More time for a running sitting (an accommodation decided on the day): proctor or examiner. */
  z.strictObject({
    type: z.literal('add-time'),
    minutes: z.number().int().min(1).max(480),
    reason,
  }),
  /** A student whose accommodation gives rest breaks stops the clock, and starts it again. */
  z.strictObject({ type: z.literal('start-break') }),
  z.strictObject({ type: z.literal('end-break') }),
  z.strictObject({
    type: z.literal('issue-warning'),
    category: z.string().min(1).max(64),
    note: z.string().max(2000).optional(),
  }),
  z.strictObject({ type: z.literal('terminate'), reason }),
  /** The proctor asks the student at work to show the room and the desk (a room scan). */
  z.strictObject({ type: z.literal('request-room-scan') }),
  z.strictObject({ type: z.literal('begin-review') }),
  z.strictObject({ type: z.literal('accept'), note: z.string().max(2000).optional() }),
  z.strictObject({ type: z.literal('annul'), reason }),
]);
export type SessionCommand = z.infer<typeof SessionCommand>;
export type SessionCommandType = SessionCommand['type'];

/** Why a command was refused: the domain's reasons, plus the transport's own. */
export const CommandRefusal = z.object({
  error: z.literal('refused'),
  reason: z.string(),
  message: z.string(),
});

/** One student of an exam as the proctor's and examiner's roster shows them. */
export const RosterEntry = z.object({
  studentId: Id,
  login: z.string(),
  fullName: z.string(),
  group: z.string().nullable(),
  /** Null until the student opens the exam. */
  sessionId: Id.nullable(),
  status: z.string(),
  deadline: z.number().nullable(),
  warningsIssued: z.number(),
  warningsUnacknowledged: z.number(),
  incidents: z.number(),
  /** The violation policy's proposal; a person decides. */
  terminationProposed: z.boolean(),
  lastEventAt: z.number().nullable(),
  /** The sitting's flags, newest first (ADR 0006). */
  flags: z.array(FlagView).default([]),
  /** When the proctor asked for a room scan that has not arrived yet; null otherwise. */
  roomScanRequestedAt: z.number().nullable().default(null),
  /**
   * The student's accommodation as proctors and examiners see it (ADR 0018): its effect and the
   * note for the proctor, never the document. Null: none.
   */
  accommodation: z
    .object({
      timeFactor: z.number(),
      extraMinutes: z.number(),
      breakMinutes: z.number(),
      skippedChecks: z.array(z.enum(['faces', 'headPose', 'objects', 'speech', 'browser'])),
      proctorNote: z.string(),
    })
    .nullable()
    .default(null),
  /** On a rest break since then (epoch ms); null otherwise. */
  onBreakSince: z.number().nullable().default(null),
});
export type RosterEntry = z.infer<typeof RosterEntry>;

export const RosterResponse = z.object({
  examId: Id,
  /** The caller's role in this exam's course: proctors act, examiners review. */
  role: z.enum(['proctor', 'examiner']),
  serverNow: z.number(),
  /** The exam's title and its course: the page and the browser tab name them. */
  examTitle: z.string().default(''),
  courseTitle: z.string().default(''),
  /**
   * What a proctor can see live of each student. Nothing when the exam is recorded only
   * (`settings.liveProctoring` off: no page publishes media); a device the exam does not ask
   * for (`settings.media`) is never live.
   */
  liveProctoring: z.boolean().default(true),
  liveVideo: z
    .object({ camera: z.boolean(), screen: z.boolean() })
    .default({ camera: true, screen: true }),
  /**
   * Whether the students' pages run the automatic checks: then they report several times a
   * second, and a page that falls silent is worth a look (ADR 0007).
   */
  automaticChecks: z.boolean().default(false),
  /** Whether a proctor may ask a student at work for a room scan (`settings.roomScanOnRequest`). */
  roomScanOnRequest: z.boolean().default(false),
  /** The students' phones as second cameras (ADR 0023): not used, offered, or required. */
  secondCamera: z.enum(SECOND_CAMERA_MODES).default('off'),
  /** The exam's rules in each language: proctors read them beside every sitting (ADR 0017). */
  rules: z.object({ kk: z.string(), ru: z.string(), en: z.string() }).optional(),
  entries: z.array(RosterEntry),
});
export type RosterResponse = z.infer<typeof RosterResponse>;
