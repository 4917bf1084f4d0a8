import type { AuditDraft } from '../audit/audit.chain.ts';
import type { EpochMs } from './time.types.ts';

/** Keys of messages to people, translated by the web (kk, ru, en). `warning.*` keys are warnings. */
export type NotificationKey = `session.${string}` | `oral.${string}` | `warning.${string}`;

export type NotificationParams = Record<string, string | number>;

/**
 * What a transition asks the world to do. The machine only describes; the server carries out
 * (writes the audit entry, sends the message, arms the timer) after it has stored the state.
 */
export type SessionEffect =
  | { type: 'audit'; entry: AuditDraft }
  | { type: 'notify-student'; key: NotificationKey; params: NotificationParams }
  | { type: 'notify-proctors'; key: NotificationKey; params: NotificationParams }
  /** Send `deadline-reached` (actor system) at `at`; an older schedule is superseded. */
  | { type: 'schedule-deadline'; at: EpochMs }
  /** Send `auto-start` (actor system) at `at`. */
  | { type: 'schedule-auto-start'; at: EpochMs }
  /** Evaluate the violation policy at `at`, when the warning's acknowledgement time is over. */
  | { type: 'schedule-warning-check'; warningId: string; at: EpochMs }
  /** Freeze the last saved answer as the submission (`null`: nothing was ever saved). */
  | { type: 'auto-submit'; answerHash: string | null };
