import type { TransitionRow } from '../common/transition.types.ts';
import type { WrittenEventType, WrittenStatus } from './written-session.types.ts';

export type WrittenTransitionRow = TransitionRow<WrittenStatus, WrittenEventType>;

const WORKING: readonly WrittenStatus[] = ['in_progress', 'paused'];
const FINISHED: readonly WrittenStatus[] = ['submitted', 'timed_out', 'terminated'];
const NOT_ENDED: readonly WrittenStatus[] = [
  'scheduled',
  'checking_in',
  'awaiting_approval',
  'rejected',
  ...WORKING,
];

/** The written-exam session machine, one row per event. `transition` follows it. */
export const writtenSessionTable: readonly WrittenTransitionRow[] = [
  {
    event: 'begin-check-in',
    from: ['scheduled'],
    to: ['checking_in'],
    actors: ['student'],
    reasonRequired: false,
    guard: 'from window open minus the check-in lead (default 20 min) until the window closes',
  },
  {
    event: 'complete-check-in',
    from: ['checking_in'],
    to: ['awaiting_approval', 'in_progress'],
    actors: ['student'],
    reasonRequired: false,
    guard:
      'identity document shown (its hash); without live proctoring work starts at once if the window is open, else at opening',
  },
  {
    event: 'approve-identity',
    from: ['awaiting_approval'],
    to: ['awaiting_approval', 'in_progress'],
    actors: ['proctor'],
    reasonRequired: false,
    guard:
      'window not closed; the proctor starts the exam: at once if the window is open, else at opening',
  },
  {
    event: 'reject-identity',
    from: ['awaiting_approval'],
    to: ['rejected'],
    actors: ['proctor'],
    reasonRequired: true,
    guard: 'the reason is shown to the student',
  },
  {
    event: 'retry-check-in',
    from: ['rejected'],
    to: ['checking_in'],
    actors: ['student'],
    reasonRequired: false,
    guard: 'attempts left (default 3 in all) and window not closed',
  },
  {
    event: 'auto-start',
    from: ['awaiting_approval'],
    to: ['in_progress'],
    actors: ['system'],
    reasonRequired: false,
    guard: 'window open; identity approved, or the exam has no live proctoring',
  },
  {
    event: 'save-answer',
    from: ['in_progress'],
    to: ['in_progress'],
    actors: ['student'],
    reasonRequired: false,
    guard: 'before the deadline, or in the grace period (the save is marked late)',
  },
  {
    event: 'submit',
    from: ['in_progress'],
    to: ['submitted'],
    actors: ['student'],
    reasonRequired: false,
    guard:
      'before the deadline, or in the grace period (then marked late); the answer hash is frozen',
  },
  {
    event: 'pause',
    from: ['in_progress'],
    to: ['paused'],
    actors: ['student', 'proctor', 'system'],
    reasonRequired: true,
    guard:
      'before the deadline; the reason is the incident kind; the clock keeps running unless compensated',
  },
  {
    event: 'resume',
    from: ['paused'],
    to: ['in_progress', 'timed_out'],
    actors: ['proctor', 'system', 'student'],
    reasonRequired: false,
    guard:
      'a student only without live proctoring; the pause is given back if the policy is automatic or the proctor compensates; times out at once if the deadline (and any grace period) has passed',
  },
  {
    event: 'grant-compensation',
    from: WORKING,
    to: WORKING,
    actors: ['proctor', 'examiner'],
    reasonRequired: true,
    guard:
      'minutes > 0, capped by the policy maximum and the window close; in progress only before the deadline',
  },
  {
    event: 'add-time',
    from: WORKING,
    to: ['in_progress', 'paused'],
    actors: ['proctor', 'examiner'],
    reasonRequired: true,
    guard:
      '1 to 480 whole minutes, until the answer is taken (grace period included); moves the deadline past the close',
  },
  {
    event: 'start-break',
    from: ['in_progress'],
    to: ['in_progress'],
    actors: ['student'],
    reasonRequired: false,
    guard: 'the accommodation gives breaks and some are left; not on one; before the deadline',
  },
  {
    event: 'end-break',
    from: ['in_progress'],
    to: ['in_progress'],
    actors: ['student', 'system'],
    reasonRequired: false,
    guard:
      'on a break; the system only when its allowance has run out; the deadline moves by its length',
  },
  {
    event: 'issue-warning',
    from: WORKING,
    to: WORKING,
    actors: ['proctor', 'examiner'],
    reasonRequired: false,
    guard: 'a category of the flag list; the student must acknowledge it in time',
  },
  {
    event: 'acknowledge-warning',
    from: WORKING,
    to: WORKING,
    actors: ['student'],
    reasonRequired: false,
    guard: 'a warning of this session not yet acknowledged',
  },
  {
    event: 'request-room-scan',
    from: ['in_progress'],
    to: ['in_progress'],
    actors: ['proctor'],
    reasonRequired: false,
    guard:
      'only where the exam allows room scans on request; one open request at a time; the clock keeps running',
  },
  {
    event: 'record-room-scan',
    from: WORKING,
    to: WORKING,
    actors: ['student'],
    reasonRequired: false,
    guard: "a request is open; the scan file's hash is recorded and the request cleared",
  },
  {
    event: 'deadline-reached',
    from: WORKING,
    to: ['timed_out'],
    actors: ['system'],
    reasonRequired: false,
    guard:
      'in progress: now >= deadline (+ grace); paused: now >= the latest deadline any compensation could give (+ grace); the last saved answer is handed in (late if saved in the grace period), or under the refuse mode kept but not handed in',
  },
  {
    event: 'terminate',
    from: WORKING,
    to: ['terminated'],
    actors: ['proctor'],
    reasonRequired: true,
    guard: 'a person decides (the policy only proposes); the last saved answer is kept',
  },
  {
    event: 'begin-review',
    from: FINISHED,
    to: ['under_review'],
    actors: ['examiner'],
    reasonRequired: false,
    guard: '',
  },
  {
    event: 'accept',
    from: ['under_review'],
    to: ['accepted'],
    actors: ['examiner'],
    reasonRequired: false,
    guard: '',
  },
  {
    event: 'annul',
    from: [...WORKING, ...FINISHED, 'under_review'],
    to: ['annulled'],
    actors: ['proctor', 'examiner'],
    reasonRequired: true,
    guard: 'seed: the proctor may stop the exam early or even annul it',
  },
  {
    event: 'amend-terms',
    from: NOT_ENDED,
    to: NOT_ENDED,
    actors: ['examiner', 'admin'],
    reasonRequired: false,
    guard:
      'the exam changed: the sitting takes its new terms; at work the deadline is recomputed from the start, the compensation granted and the new terms; refused if that would end a begun sitting earlier',
  },
];

export const writtenRowFor = (event: WrittenEventType): WrittenTransitionRow | undefined =>
  writtenSessionTable.find((row) => row.event === event);
