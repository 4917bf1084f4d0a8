import type { Actor } from '../common/actor.types.ts';
import type { EpochMs } from '../common/time.types.ts';
import type { ExamConfig, ExamConfigInput } from '../exam/exam-config.defaults.ts';
import type {
  WrittenEvent,
  WrittenEventType,
  WrittenSessionState,
  WrittenStatus,
} from './written-session.types.ts';
import { MINUTE_MS } from '../common/time.types.ts';
import { makeExamConfig } from '../exam/exam-config.defaults.ts';
import { createWrittenSession } from './written-session.create.ts';
import { transition } from './written-session.machine.ts';

// Test support for the written-session tests (not exported from the package). Every state is
// reached by real transitions, so a fixture can never be a state the machine cannot produce.

/** 2025-06-15T15:06:40Z, the exam window opens. */
export const OPENS: EpochMs = 1_750_000_000_000;
export const CLOSES: EpochMs = OPENS + 180 * MINUTE_MS;
export const at = (minutesFromOpening: number): EpochMs => OPENS + minutesFromOpening * MINUTE_MS;

export const student: Actor = { role: 'student', userId: 'stu-1' };
export const otherStudent: Actor = { role: 'student', userId: 'stu-2' };
export const proctor: Actor = { role: 'proctor', userId: 'pro-1' };
export const examiner: Actor = { role: 'examiner', userId: 'exa-1' };
export const admin: Actor = { role: 'admin', userId: 'adm-1' };
export const system: Actor = { role: 'system' };

export const examConfig = (overrides: Partial<ExamConfigInput> = {}): ExamConfig =>
  makeExamConfig({
    window: { opensAt: OPENS, closesAt: CLOSES },
    durationMinutes: 90,
    ...overrides,
  });

export function newSession(overrides: Partial<ExamConfigInput> = {}): WrittenSessionState {
  const created = createWrittenSession({
    sessionId: 'ses-1',
    examId: 'exam-1',
    studentId: 'stu-1',
    config: examConfig(overrides),
  });
  if (!created.ok) throw new Error(`fixture config invalid: ${created.problems.join(', ')}`);
  return created.state;
}

export function step(
  state: WrittenSessionState,
  event: WrittenEvent,
  now: EpochMs,
): WrittenSessionState {
  const result = transition(state, event, now);
  if (!result.ok) throw new Error(`fixture step ${event.type} refused: ${result.reason}`);
  return result.state;
}

type Path = [WrittenEvent, number][];

const toCheckingIn: Path = [[{ type: 'begin-check-in', actor: student }, -10]];
const toAwaiting: Path = [
  ...toCheckingIn,
  [{ type: 'complete-check-in', actor: student, idDocumentHash: 'doc-hash' }, -5],
];
const toInProgress: Path = [...toAwaiting, [{ type: 'approve-identity', actor: proctor }, 1]];
const toSubmitted: Path = [
  ...toInProgress,
  [{ type: 'save-answer', actor: student, answerHash: 'draft-hash' }, 40],
  [{ type: 'submit', actor: student, answerHash: 'final-hash' }, 60],
];

/** How each status is reached (minutes from opening). Work starts at +1, deadline +91. */
export const paths: Record<WrittenStatus, Path> = {
  scheduled: [],
  checking_in: toCheckingIn,
  awaiting_approval: toAwaiting,
  rejected: [
    ...toAwaiting,
    [{ type: 'reject-identity', actor: proctor, reason: 'photo unclear' }, -4],
  ],
  in_progress: toInProgress,
  paused: [...toInProgress, [{ type: 'pause', actor: student, reason: 'internet-lost' }, 30]],
  submitted: toSubmitted,
  timed_out: [
    ...toInProgress,
    [{ type: 'save-answer', actor: student, answerHash: 'draft-hash' }, 40],
    [{ type: 'deadline-reached', actor: system }, 91],
  ],
  terminated: [...toInProgress, [{ type: 'terminate', actor: proctor, reason: 'phone call' }, 45]],
  under_review: [...toSubmitted, [{ type: 'begin-review', actor: examiner }, 120]],
  accepted: [
    ...toSubmitted,
    [{ type: 'begin-review', actor: examiner }, 120],
    [{ type: 'accept', actor: examiner }, 121],
  ],
  annulled: [
    ...toSubmitted,
    [{ type: 'begin-review', actor: examiner }, 120],
    [{ type: 'annul', actor: examiner, reason: 'answer copied' }, 121],
  ],
};

/** A session in `status`, reached by real transitions, and the time of its last event. */
export function reach(
  status: WrittenStatus,
  overrides: Partial<ExamConfigInput> = {},
): { state: WrittenSessionState; now: EpochMs } {
  let state = newSession(overrides);
  let now = at(-30);
  for (const [event, minutes] of paths[status]) {
    now = at(minutes);
    state = step(state, event, now);
  }
  return { state, now };
}

/** A valid event of each type, sent by a role the table allows. */
export const sampleWrittenEvent: Record<WrittenEventType, WrittenEvent> = {
  'begin-check-in': { type: 'begin-check-in', actor: student },
  'complete-check-in': { type: 'complete-check-in', actor: student, idDocumentHash: 'd' },
  'approve-identity': { type: 'approve-identity', actor: proctor },
  'reject-identity': { type: 'reject-identity', actor: proctor, reason: 'r' },
  'retry-check-in': { type: 'retry-check-in', actor: student },
  'auto-start': { type: 'auto-start', actor: system },
  'save-answer': { type: 'save-answer', actor: student, answerHash: 'h' },
  submit: { type: 'submit', actor: student, answerHash: 'h' },
  pause: { type: 'pause', actor: proctor, reason: 'other' },
  resume: { type: 'resume', actor: proctor },
  'grant-compensation': { type: 'grant-compensation', actor: proctor, minutes: 5, reason: 'r' },
  'add-time': { type: 'add-time', actor: proctor, minutes: 10, reason: 'r' },
  'start-break': { type: 'start-break', actor: student },
  'end-break': { type: 'end-break', actor: student },
  'issue-warning': { type: 'issue-warning', actor: proctor, warningId: 'w-9', category: 'speech' },
  'acknowledge-warning': { type: 'acknowledge-warning', actor: student, warningId: 'w-1' },
  'request-room-scan': { type: 'request-room-scan', actor: proctor, roomScanOnRequest: true },
  'record-room-scan': { type: 'record-room-scan', actor: student, roomScanHash: 'scan' },
  'deadline-reached': { type: 'deadline-reached', actor: system },
  terminate: { type: 'terminate', actor: proctor, reason: 'r' },
  'begin-review': { type: 'begin-review', actor: examiner },
  accept: { type: 'accept', actor: examiner },
  annul: { type: 'annul', actor: proctor, reason: 'r' },
  'amend-terms': { type: 'amend-terms', actor: examiner, terms: newSession().terms },
};
