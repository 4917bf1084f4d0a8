import type { Actor } from '../common/actor.types.ts';
import type { EpochMs } from '../common/time.types.ts';
import type { OralEvent, OralEventOf, OralSessionState, OralStatus } from './oral-session.types.ts';
import { createOralSession, transitionOral } from './oral-session.machine.ts';

// Test support for the oral-session tests (not exported from the package).

export const T0: EpochMs = 1_750_000_000_000;
export const student: Actor = { role: 'student', userId: 'stu-1' };
export const otherStudent: Actor = { role: 'student', userId: 'stu-2' };
export const examiner: Actor = { role: 'examiner', userId: 'exa-1' };
export const proctor: Actor = { role: 'proctor', userId: 'pro-1' };
export const system: Actor = { role: 'system' };

export const draw: OralEventOf<'draw-ticket'> = {
  type: 'draw-ticket',
  actor: student,
  draw: { studentId: 'stu-1', ticketId: 't-7', drawNumber: 3 },
  seed: 42,
};

const toIdentity: OralEvent[] = [{ type: 'call-in', actor: examiner }];
const toDrawn: OralEvent[] = [...toIdentity, { type: 'approve-identity', actor: examiner }, draw];
const toAnswering: OralEvent[] = [...toDrawn, { type: 'start-answer', actor: student }];

export const oralPaths: Record<OralStatus, OralEvent[]> = {
  waiting_room: [],
  identity_check: toIdentity,
  ticket_drawn: toDrawn,
  answering: toAnswering,
  graded: [...toAnswering, { type: 'grade', actor: examiner, score: 87 }],
  terminated: [...toAnswering, { type: 'terminate', actor: proctor, reason: 'phone call' }],
  annulled: [...toAnswering, { type: 'annul', actor: proctor, reason: 'impersonation' }],
};

/** An oral session in `status`, reached by real transitions one minute apart. */
export function reachOral(status: OralStatus): { state: OralSessionState; now: EpochMs } {
  let state = createOralSession(
    { sessionId: 'oral-1', examId: 'exam-2', slotId: 'slot-1', studentId: 'stu-1' },
    T0,
  );
  let now = T0;
  for (const event of oralPaths[status]) {
    now += 60_000;
    const result = transitionOral(state, event, now);
    if (!result.ok) throw new Error(`fixture step ${event.type} refused: ${result.reason}`);
    state = result.state;
  }
  return { state, now };
}
