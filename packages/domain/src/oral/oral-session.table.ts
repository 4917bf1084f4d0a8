import type { TransitionRow } from '../common/transition.types.ts';
import type { OralEventType, OralStatus } from './oral-session.types.ts';

export type OralTransitionRow = TransitionRow<OralStatus, OralEventType>;

const LIVE: readonly OralStatus[] = ['identity_check', 'ticket_drawn', 'answering'];

/** The oral-exam session machine, one row per event. */
export const oralSessionTable: readonly OralTransitionRow[] = [
  {
    event: 'call-in',
    from: ['waiting_room'],
    to: ['identity_check'],
    actors: ['examiner', 'proctor'],
    reasonRequired: false,
    guard: 'the student shows the ID card to the camera (seed, oral step 4)',
  },
  {
    event: 'approve-identity',
    from: ['identity_check'],
    to: ['identity_check'],
    actors: ['examiner', 'proctor'],
    reasonRequired: false,
    guard: '',
  },
  {
    event: 'reject-identity',
    from: ['identity_check'],
    to: ['waiting_room'],
    actors: ['examiner', 'proctor'],
    reasonRequired: true,
    guard: 'back to the waiting room; the reason is shown to the student',
  },
  {
    event: 'draw-ticket',
    from: ['identity_check'],
    to: ['ticket_drawn'],
    actors: ['student', 'examiner', 'system'],
    reasonRequired: false,
    guard: 'identity approved; the draw (from ticket-draw) is this student’s',
  },
  {
    event: 'start-answer',
    from: ['ticket_drawn'],
    to: ['answering'],
    actors: ['student', 'examiner'],
    reasonRequired: false,
    guard: '',
  },
  {
    event: 'grade',
    from: ['answering'],
    to: ['graded'],
    actors: ['examiner'],
    reasonRequired: false,
    guard: 'an integer score 0..100',
  },
  {
    event: 'issue-warning',
    from: LIVE,
    to: LIVE,
    actors: ['examiner', 'proctor'],
    reasonRequired: false,
    guard: 'seed: for any violation the examiner writes the candidate a warning',
  },
  {
    event: 'acknowledge-warning',
    from: LIVE,
    to: LIVE,
    actors: ['student'],
    reasonRequired: false,
    guard: 'a warning of this session not yet acknowledged',
  },
  {
    event: 'terminate',
    from: ['waiting_room', ...LIVE],
    to: ['terminated'],
    actors: ['proctor', 'examiner'],
    reasonRequired: true,
    guard: 'seed: the proctor may stop the exam early',
  },
  {
    event: 'annul',
    from: ['ticket_drawn', 'answering', 'graded', 'terminated'],
    to: ['annulled'],
    actors: ['proctor', 'examiner'],
    reasonRequired: true,
    guard: 'seed: ... or even annul it',
  },
];

export const oralRowFor = (event: OralEventType): OralTransitionRow | undefined =>
  oralSessionTable.find((row) => row.event === event);
