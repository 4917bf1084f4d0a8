import type { Actor, ActorRole } from '../common/actor.types.ts';
import type { EpochMs } from '../common/time.types.ts';
import type { Refusal } from '../common/result.types.ts';
import type {
  CompensationPolicy,
  ExamWindow,
  TimeOutPolicy,
} from '../exam/exam-config.defaults.ts';
import type { FlagCategory } from '../signals/flag.types.ts';
import type { SessionEffect } from '../common/effect.types.ts';
import type { Accommodation } from '../accommodation/accommodation.rules.ts';

export const writtenStatuses = [
  'scheduled',
  'checking_in',
  'awaiting_approval',
  'rejected',
  'in_progress',
  'paused',
  'submitted',
  'timed_out',
  'terminated',
  'under_review',
  'accepted',
  'annulled',
] as const;
export type WrittenStatus = (typeof writtenStatuses)[number];

/** The part of the exam's config a session runs under, copied in when it is created. */
export interface SessionTerms {
  window: ExamWindow;
  durationMinutes: number;
  checkInLeadMinutes: number;
  maxCheckInAttempts: number;
  liveProctoring: boolean;
  compensation: CompensationPolicy;
  warningAckLimitSeconds: number;
  /**
   * What happens when time runs out. Absent in states stored before it existed: read it with
   * `timeOutOf(terms)`, which gives `submit` (what those sittings ran under).
   */
  timeOut?: TimeOutPolicy;
  /**
   * The student's accommodation and the exam's override for them, folded in when the sitting
   * was made (`accommodatedTerms`); `window` is then their own window. Absent: none.
   */
  accommodation?: Accommodation;
}

/** A rest break (accommodation): the clock stops from `startedAt` to `endedAt`. */
export interface RestBreak {
  startedAt: EpochMs;
  /** Null while the student is on it. */
  endedAt: EpochMs | null;
}

/** Technical failures the seed names (power, internet), and a proctor's own pause. */
export const incidentKinds = [
  'power-outage',
  'internet-lost',
  'device-failure',
  'proctor-pause',
  'other',
] as const;
export type IncidentKind = (typeof incidentKinds)[number];

export interface Incident {
  kind: IncidentKind;
  reportedBy: ActorRole;
  note: string | null;
  startedAt: EpochMs;
  endedAt: EpochMs | null;
  /** Time given back for this pause when it ended. */
  compensatedMs: number;
}

/** A warning written to the student (seed: "the examiner writes the candidate a warning"). */
export interface Warning {
  id: string;
  category: FlagCategory;
  note: string | null;
  issuedAt: EpochMs;
  issuedBy: Actor;
  acknowledgedAt: EpochMs | null;
}

/**
 * One student's sitting of one written exam. Plain JSON (no `undefined`, no class): the server
 * stores it as it is. Absent values are `null`.
 */
export interface WrittenSessionState {
  sessionId: string;
  examId: string;
  studentId: string;
  terms: SessionTerms;
  status: WrittenStatus;
  checkInAttempts: number;
  checkInStartedAt: EpochMs | null;
  checkInCompletedAt: EpochMs | null;
  idDocumentHash: string | null;
  roomScanHash: string | null;
  identityApprovedAt: EpochMs | null;
  lastRejectionReason: string | null;
  workStartedAt: EpochMs | null;
  /** min(work start + duration + compensation, window close); never moves earlier. */
  deadline: EpochMs | null;
  compensationGrantedMs: number;
  pausedAt: EpochMs | null;
  lastSavedAnswerHash: string | null;
  /** When `lastSavedAnswerHash` was first saved (a grace period's lateness is judged by it). */
  lastSavedAt?: EpochMs | null;
  /** Frozen when work ends (submitted, timed out, terminated, annulled mid-work); never changes. */
  finalAnswerHash: string | null;
  endedAt: EpochMs | null;
  /**
   * The final answer came in after the deadline, in the grace period (submitted then, or saved
   * then and handed in when the grace period ended). Absent in older states: read as false.
   */
  late?: boolean;
  /**
   * Time ran out under the `refuse` mode: the saved answer is kept (`finalAnswerHash`) but was
   * not handed in. Absent in older states: read as false.
   */
  notSubmitted?: boolean;
  terminationReason: string | null;
  reviewStartedAt: EpochMs | null;
  decidedAt: EpochMs | null;
  annulmentReason: string | null;
  incidents: Incident[];
  warnings: Warning[];
  /**
   * The proctor asked for a room scan at work and it has not arrived yet. Absent in older
   * states: read it with `roomScanRequestedAt(state)` (none).
   */
  roomScanRequestedAt?: EpochMs | null;
  /** Time a proctor or examiner added while the sitting ran (`add-time`); absent: none. */
  addedTimeMs?: number;
  /** Rest breaks taken; absent: none. Read with `breaksOf(state)`. */
  breaks?: RestBreak[];
  lastEventAt: EpochMs | null;
}

/** Every event names its actor; those the seed gives a reason to carry one. */
export type WrittenEvent =
  | { type: 'begin-check-in'; actor: Actor }
  | {
      type: 'complete-check-in';
      actor: Actor;
      /** The ID card's photo; null where the exam does not ask for one. */
      idDocumentHash: string | null;
      /** False where the exam's identity check leaves the ID photo out (default: required). */
      idDocumentRequired?: boolean;
      roomScanHash?: string;
    }
  | { type: 'approve-identity'; actor: Actor }
  | { type: 'reject-identity'; actor: Actor; reason: string }
  | { type: 'retry-check-in'; actor: Actor }
  | { type: 'auto-start'; actor: Actor }
  | { type: 'save-answer'; actor: Actor; answerHash: string }
  | { type: 'submit'; actor: Actor; answerHash: string }
  | { type: 'pause'; actor: Actor; reason: IncidentKind; note?: string }
  | { type: 'resume'; actor: Actor; compensate?: boolean }
  | { type: 'grant-compensation'; actor: Actor; minutes: number; reason: string }
  /** More time for this sitting (an accommodation decided on the day); not capped by the close. */
  | { type: 'add-time'; actor: Actor; minutes: number; reason: string }
  | { type: 'start-break'; actor: Actor }
  /** The student's button, or the system when the break allowance has run out. */
  | { type: 'end-break'; actor: Actor }
  | {
      type: 'issue-warning';
      actor: Actor;
      warningId: string;
      category: FlagCategory;
      note?: string;
    }
  | { type: 'acknowledge-warning'; actor: Actor; warningId: string }
  /** `roomScanOnRequest`: the exam's setting, which the server reads (default: not allowed). */
  | { type: 'request-room-scan'; actor: Actor; roomScanOnRequest?: boolean }
  /** A room scan the student handed in while a request was open (the file's hash). */
  | { type: 'record-room-scan'; actor: Actor; roomScanHash: string }
  | { type: 'deadline-reached'; actor: Actor }
  | { type: 'terminate'; actor: Actor; reason: string }
  | { type: 'begin-review'; actor: Actor }
  | { type: 'accept'; actor: Actor; note?: string }
  | { type: 'annul'; actor: Actor; reason: string }
  /** The exam was changed after the sitting was created: its new terms (ADR 0002). */
  | { type: 'amend-terms'; actor: Actor; terms: SessionTerms };

export type WrittenEventType = WrittenEvent['type'];
export type WrittenEventOf<T extends WrittenEventType> = Extract<WrittenEvent, { type: T }>;

export type WrittenRefusalReason =
  | 'invalid-time'
  | 'stale-time'
  | 'actor-not-allowed'
  | 'not-your-session'
  | 'not-allowed-in-state'
  | 'check-in-not-open'
  | 'window-closed'
  | 'exam-not-open'
  | 'identity-not-approved'
  | 'check-in-attempts-exhausted'
  | 'deadline-passed'
  | 'deadline-not-reached'
  | 'reason-required'
  | 'evidence-required'
  | 'invalid-compensation'
  | 'compensation-exhausted'
  | 'unknown-category'
  | 'duplicate-warning'
  | 'unknown-warning'
  | 'warning-already-acknowledged'
  | 'invalid-terms'
  | 'room-scan-not-allowed'
  | 'room-scan-already-requested'
  | 'room-scan-not-requested'
  | 'cuts-running-sitting'
  | 'invalid-minutes'
  | 'no-breaks'
  | 'breaks-used-up'
  | 'on-break'
  | 'not-on-break';

export type WrittenTransitionResult =
  | { ok: true; state: WrittenSessionState; effects: SessionEffect[] }
  | Refusal<WrittenRefusalReason>;
