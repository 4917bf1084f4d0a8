import type { Actor } from '../common/actor.types.ts';
import type { EpochMs } from '../common/time.types.ts';
import type { Refusal } from '../common/result.types.ts';
import type { SessionEffect } from '../common/effect.types.ts';
import type { FlagCategory } from '../signals/flag.types.ts';
import type { Warning } from '../written/written-session.types.ts';
import type { TicketDrawRecord } from './ticket-draw.ts';

export const oralStatuses = [
  'waiting_room',
  'identity_check',
  'ticket_drawn',
  'answering',
  'graded',
  'terminated',
  'annulled',
] as const;
export type OralStatus = (typeof oralStatuses)[number];

/** One student's oral exam in a slot (seed: the BBB "Oral exam" room, camera, microphone, ID). */
export interface OralSessionState {
  sessionId: string;
  examId: string;
  slotId: string;
  studentId: string;
  status: OralStatus;
  warningAckLimitSeconds: number;
  joinedAt: EpochMs;
  identityApprovedAt: EpochMs | null;
  lastRejectionReason: string | null;
  ticketId: string | null;
  /** The slot's draw seed and this draw's number: with them the audit can replay the draw. */
  drawSeed: number | null;
  drawNumber: number | null;
  answeringStartedAt: EpochMs | null;
  /** 0..100, the university's scale. */
  grade: number | null;
  gradeComment: string | null;
  gradedAt: EpochMs | null;
  endedAt: EpochMs | null;
  terminationReason: string | null;
  annulmentReason: string | null;
  warnings: Warning[];
  lastEventAt: EpochMs | null;
}

export type OralEvent =
  | { type: 'call-in'; actor: Actor }
  | { type: 'approve-identity'; actor: Actor }
  | { type: 'reject-identity'; actor: Actor; reason: string }
  | { type: 'draw-ticket'; actor: Actor; draw: TicketDrawRecord; seed: number }
  | { type: 'start-answer'; actor: Actor }
  | { type: 'grade'; actor: Actor; score: number; comment?: string }
  | {
      type: 'issue-warning';
      actor: Actor;
      warningId: string;
      category: FlagCategory;
      note?: string;
    }
  | { type: 'acknowledge-warning'; actor: Actor; warningId: string }
  | { type: 'terminate'; actor: Actor; reason: string }
  | { type: 'annul'; actor: Actor; reason: string };

export type OralEventType = OralEvent['type'];
export type OralEventOf<T extends OralEventType> = Extract<OralEvent, { type: T }>;

export type OralRefusalReason =
  | 'invalid-time'
  | 'stale-time'
  | 'actor-not-allowed'
  | 'not-your-session'
  | 'not-allowed-in-state'
  | 'reason-required'
  | 'identity-not-approved'
  | 'invalid-draw'
  | 'invalid-grade'
  | 'unknown-category'
  | 'duplicate-warning'
  | 'unknown-warning'
  | 'warning-already-acknowledged';

export type OralTransitionResult =
  { ok: true; state: OralSessionState; effects: SessionEffect[] } | Refusal<OralRefusalReason>;
