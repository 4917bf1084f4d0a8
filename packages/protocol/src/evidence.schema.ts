// Evidence: the recorded camera and screen segments and the snapshots of one session, each
// acknowledged by (session, track, seq, SHA-256) so that sending it again is harmless (ADR 0008).
import { z } from 'zod';
import { Id } from './common.schema.ts';
import { ServerCheckView } from './signals.schema.ts';

/**
 * Recorded segments (self-contained WebM files) and periodic JPEG snapshots. `side` is the
 * student's phone as a second camera (issue 27): video only, recorded on the phone.
 */
export const EVIDENCE_TRACKS = [
  'camera',
  'screen',
  'side',
  'camera-snapshot',
  'screen-snapshot',
] as const;
/** The tracks that are recorded video (the others are snapshots). */
export const VIDEO_TRACKS = [
  'camera',
  'screen',
  'side',
] as const satisfies readonly EvidenceTrack[];
export type VideoTrack = (typeof VIDEO_TRACKS)[number];
export const EvidenceTrack = z.enum(EVIDENCE_TRACKS);
export type EvidenceTrack = z.infer<typeof EvidenceTrack>;

export const EVIDENCE_CONTENT_TYPES = ['video/webm', 'video/mp4', 'image/jpeg'] as const;
/** The largest segment accepted (a 2-minute segment at the recorder's bitrates is ~1.5 MB). */
export const EVIDENCE_MAX_BYTES = 16 * 1024 * 1024;
/** The largest snapshot accepted. */
export const SNAPSHOT_MAX_BYTES = 2 * 1024 * 1024;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256');

export const EvidenceSegmentParams = z.strictObject({
  sessionId: Id,
  track: EvidenceTrack,
  seq: z.coerce.number().int().min(0).max(1_000_000),
});

export const EvidenceUploadQuery = z.strictObject({
  sha256: Sha256,
  /** Device time the segment began (epoch ms), for placing it on the timeline. */
  startedAt: z.coerce.number().int().min(0),
  durationMs: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 3600_000),
});

export const EvidenceAck = z.object({
  track: EvidenceTrack,
  seq: z.number(),
  sha256: Sha256,
  size: z.number(),
  /** The server had it already (a resend after a lost acknowledgement). */
  duplicate: z.boolean(),
});
export type EvidenceAck = z.infer<typeof EvidenceAck>;

export const EvidenceSegmentView = z.object({
  track: EvidenceTrack,
  seq: z.number(),
  sha256: Sha256,
  size: z.number(),
  contentType: z.string(),
  startedAt: z.number(),
  durationMs: z.number(),
  receivedAt: z.string(),
  /** Set when retention removed the bytes; the row and its hash stay for the record. */
  deletedAt: z.string().nullable(),
});
export type EvidenceSegmentView = z.infer<typeof EvidenceSegmentView>;

export const EvidenceListResponse = z.object({ segments: z.array(EvidenceSegmentView) });
export type EvidenceListResponse = z.infer<typeof EvidenceListResponse>;

/** One moment on the review timeline, drawn from the session's audit chain (and flags). */
export const TimelineKind = z.enum([
  'state',
  'flag',
  'warning',
  'acknowledgement',
  'incident',
  'compensation',
  'decision',
  'connection',
  'explanation',
  /** Time added during the sitting and rest breaks (ADR 0018). */
  'accommodation',
]);
export type TimelineKind = z.infer<typeof TimelineKind>;

export const TimelineItem = z.object({
  at: z.number(),
  kind: TimelineKind,
  /** The audit entry type (`written.issue-warning`, …) or `flag`. */
  type: z.string(),
  actor: z.string(),
  /** Audit seq, flag id or explanation id: what an explanation may refer to. */
  ref: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type TimelineItem = z.infer<typeof TimelineItem>;

export const ExplanationView = z.object({
  id: z.string(),
  target: z.string(),
  body: z.string(),
  createdAt: z.string(),
});

export const ReviewedFlag = z.object({
  id: z.string(),
  category: z.string(),
  severity: z.enum(['minor', 'gross']),
  startAt: z.number(),
  endAt: z.number(),
  ongoing: z.boolean(),
  /** The session file with the snapshot of the moment the flag began. */
  evidenceFileId: z.string().nullable(),
  serverCheck: ServerCheckView.nullable().optional(),
  review: z
    .object({ decision: z.enum(['confirm', 'dismiss']), note: z.string(), decidedAt: z.string() })
    .nullable(),
});
export type ReviewedFlag = z.infer<typeof ReviewedFlag>;

export const FlagReviewParams = z.strictObject({
  sessionId: z.string().min(1).max(64),
  flagId: z.string().min(1).max(64),
});
export const FlagReviewBody = z.strictObject({
  decision: z.enum(['confirm', 'dismiss']),
  note: z.string().trim().min(1).max(2000),
});

/**
 * What the student's accommodation changed in the sitting, for the report: their time (the
 * exam's duration × their factor + their extra minutes), time added while they sat (who and
 * why), rest breaks taken, and the automatic checks their accommodation skipped.
 */
export const ReportAccommodation = z.object({
  /** The exam's own duration. */
  examMinutes: z.number(),
  timeFactor: z.number(),
  extraMinutes: z.number(),
  /** The student's work time under their accommodation (time added later not counted). */
  workMs: z.number(),
  /** The exam's `checks` this student's accommodation left out. */
  skippedChecks: z.array(z.string()),
  /** Rest breaks allowed in all. */
  breakMinutes: z.number(),
  breaks: z.array(z.object({ startedAt: z.number(), endedAt: z.number().nullable() })),
  breakTakenMs: z.number(),
  /** Time a proctor or examiner added during the sitting. */
  added: z.array(
    z.object({
      at: z.number(),
      minutes: z.number(),
      reason: z.string(),
      by: z.object({ role: z.string(), name: z.string().nullable() }),
    }),
  ),
});
export type ReportAccommodation = z.infer<typeof ReportAccommodation>;

export const IntegrityReportView = z.object({
  generatedAt: z.string(),
  session: z.object({
    id: z.string(),
    examId: z.string(),
    examTitle: z.string(),
    student: z.object({ login: z.string(), fullName: z.string(), group: z.string().nullable() }),
    status: z.string(),
    checkInStartedAt: z.number().nullable(),
    workStartedAt: z.number().nullable(),
    deadline: z.number().nullable(),
    endedAt: z.number().nullable(),
    decidedAt: z.number().nullable(),
    terminationReason: z.string().nullable(),
    annulmentReason: z.string().nullable(),
    finalAnswerHash: z.string().nullable(),
  }),
  timeline: z.array(TimelineItem),
  flags: z.array(ReviewedFlag),
  warnings: z.array(
    z.object({
      id: z.string(),
      category: z.string(),
      note: z.string().nullable(),
      issuedAt: z.number(),
      acknowledgedAt: z.number().nullable(),
    }),
  ),
  incidents: z.array(
    z.object({
      kind: z.string(),
      reportedBy: z.string(),
      note: z.string().nullable(),
      startedAt: z.number(),
      endedAt: z.number().nullable(),
      compensatedMs: z.number(),
    }),
  ),
  compensationMs: z.number(),
  score: z.object({
    score: z.number(),
    band: z.enum(['high', 'medium', 'low']),
    contributions: z.array(z.record(z.string(), z.unknown())),
  }),
  evidence: z.array(EvidenceSegmentView),
  audit: z.object({
    entries: z.number(),
    verification: z.union([
      z.object({ ok: z.literal(true) }),
      z.object({ ok: z.literal(false), brokenAt: z.number() }),
    ]),
    lastHash: z.string().nullable(),
  }),
  explanations: z.array(ExplanationView),
  legalHold: z.boolean(),
  /** Null: the student sat without accommodation, breaks or time added. */
  accommodation: ReportAccommodation.nullable(),
});
export type IntegrityReportView = z.infer<typeof IntegrityReportView>;

export const ReportQuery = z.strictObject({ lang: z.enum(['kk', 'ru', 'en']).default('en') });
export const ExplainBody = z.strictObject({
  target: z.string().regex(/^(flag|warning|audit):[A-Za-z0-9-]{1,64}$/),
  body: z.string().trim().min(1).max(4000),
});
export const LegalHoldBody = z.strictObject({
  hold: z.boolean(),
  reason: z.string().trim().max(500).default(''),
});
export const LegalHoldView = z.object({
  examId: z.string(),
  hold: z.boolean(),
  reason: z.string(),
  setAt: z.string().nullable(),
});
