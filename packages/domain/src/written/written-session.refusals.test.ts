import { describe, expect, it } from 'vitest';
import type { Actor, ActorRole } from '../common/actor.types.ts';
import type { WrittenEvent } from './written-session.types.ts';
import { actorRoles } from '../common/actor.types.ts';
import { writtenStatuses } from './written-session.types.ts';
import { writtenSessionTable } from './written-session.table.ts';
import { transition } from './written-session.machine.ts';
import { otherStudent, reach, sampleWrittenEvent, student } from './written-session.fixtures.ts';

const actorOf = (role: ActorRole): Actor =>
  role === 'student' ? student : { role, userId: `${role}-1` };

describe('written session refusals by state and by actor', () => {
  const outOfState = writtenStatuses.flatMap((status) =>
    writtenSessionTable
      .filter((row) => !row.from.includes(status))
      .map((row) => [row.event, status] as const),
  );

  it.each(outOfState)('refuses %s in %s as not-allowed-in-state', (type, status) => {
    const { state, now } = reach(status);
    expect(transition(state, sampleWrittenEvent[type], now)).toEqual({
      ok: false,
      reason: 'not-allowed-in-state',
    });
  });

  const wrongActors = writtenSessionTable.flatMap((row) =>
    actorRoles
      .filter((role) => !row.actors.includes(role))
      .map((role) => [row.event, role] as const),
  );

  it.each(wrongActors)('refuses %s sent by a %s as actor-not-allowed', (type, role) => {
    const status = writtenSessionTable.find((r) => r.event === type)!.from[0]!;
    const { state, now } = reach(status);
    const event = { ...sampleWrittenEvent[type], actor: actorOf(role) } as WrittenEvent;
    expect(transition(state, event, now)).toEqual({ ok: false, reason: 'actor-not-allowed' });
  });

  const studentEvents = writtenSessionTable.filter((row) => row.actors.includes('student'));

  it.each(studentEvents.map((r) => [r.event] as const))(
    'refuses %s by a student acting on someone else’s session as not-your-session',
    (type) => {
      const status = writtenSessionTable.find((r) => r.event === type)!.from[0]!;
      const { state, now } = reach(status);
      const event = { ...sampleWrittenEvent[type], actor: otherStudent } as WrittenEvent;
      expect(transition(state, event, now)).toEqual({ ok: false, reason: 'not-your-session' });
    },
  );

  it('refuses a student without a user id as not-your-session', () => {
    const { state, now } = reach('scheduled');
    const event: WrittenEvent = { type: 'begin-check-in', actor: { role: 'student' } };
    expect(transition(state, event, now + 20 * 60_000)).toEqual({
      ok: false,
      reason: 'not-your-session',
    });
  });
});
