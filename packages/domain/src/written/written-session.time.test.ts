import { describe, expect, it } from 'vitest';
import type { WrittenEvent } from './written-session.types.ts';
import { MINUTE_MS } from '../common/time.types.ts';
import { transition } from './written-session.machine.ts';
import {
  checkInOpensAt,
  isNoShow,
  latestPossibleDeadline,
  remainingMs,
} from './written-session.deadline.ts';
import { CLOSES, at, proctor, reach, step, student, system } from './written-session.fixtures.ts';

const resumeBy = (compensate?: boolean): WrittenEvent => ({
  type: 'resume',
  actor: proctor,
  compensate,
});

describe('written session time', () => {
  it('opens check-in the configured lead before the window (default 20 minutes)', () => {
    expect(checkInOpensAt(reach('scheduled').state.terms)).toBe(at(-20));
    expect(checkInOpensAt(reach('scheduled', { checkInLeadMinutes: 15 }).state.terms)).toBe(
      at(-15),
    );
  });

  it('sets the deadline to the start of work plus the duration', () => {
    const { state } = reach('in_progress');
    expect(state.workStartedAt).toBe(at(1));
    expect(state.deadline).toBe(at(91));
  });

  it('never lets the deadline pass the end of the window', () => {
    const { state } = reach('awaiting_approval');
    const late = step(state, { type: 'approve-identity', actor: proctor }, at(150));
    expect(late.deadline).toBe(CLOSES);
  });

  it('keeps the clock running through a pause that nobody compensates', () => {
    const { state } = reach('paused');
    expect(step(state, resumeBy(), at(40)).deadline).toBe(at(91));
  });

  it('gives back the paused time when the proctor compensates on resume', () => {
    const { state } = reach('paused');
    const resumed = step(state, resumeBy(true), at(40));
    expect(resumed.deadline).toBe(at(101));
    expect(resumed.compensationGrantedMs).toBe(10 * MINUTE_MS);
    expect(resumed.incidents[0]).toMatchObject({ endedAt: at(40), compensatedMs: 10 * MINUTE_MS });
  });

  it('gives back the paused time by itself when the policy is automatic', () => {
    const { state } = reach('paused', { compensation: { automatic: true } });
    expect(step(state, resumeBy(), at(40)).deadline).toBe(at(101));
  });

  it('caps all compensation at the policy maximum', () => {
    const { state } = reach('paused', { compensation: { maxMinutes: 5 } });
    expect(step(state, resumeBy(true), at(40)).deadline).toBe(at(96));
    const granted = step(
      reach('in_progress', { compensation: { maxMinutes: 5 } }).state,
      {
        type: 'grant-compensation',
        actor: proctor,
        minutes: 60,
        reason: 'r',
      },
      at(10),
    );
    expect(granted.deadline).toBe(at(96));
  });

  it('lets a paused session outlive its deadline until no grant could help', () => {
    const { state } = reach('paused'); // deadline +91, up to 30 more minutes possible
    expect(latestPossibleDeadline(state)).toBe(at(121));
    const tick: WrittenEvent = { type: 'deadline-reached', actor: system };
    expect(transition(state, tick, at(120)).ok).toBe(false);
    const result = transition(state, tick, at(121));
    expect(result.ok && result.state.status).toBe('timed_out');
  });

  it('arms the deadline timer, on pause, for the latest deadline any grant could give', () => {
    const { state } = reach('in_progress');
    const result = transition(
      state,
      { type: 'pause', actor: student, reason: 'power-outage' },
      at(30),
    );
    expect(result.ok && result.effects).toContainEqual({ type: 'schedule-deadline', at: at(121) });
  });

  it('times out a paused session at once past the deadline when the policy allows no compensation', () => {
    const { state } = reach('paused', { compensation: { maxMinutes: 0 } });
    const result = transition(state, { type: 'deadline-reached', actor: system }, at(91));
    expect(result.ok && result.state.status).toBe('timed_out');
  });

  it('auto-submits the last saved answer at the deadline', () => {
    const { state } = reach('in_progress');
    const saved = step(state, { type: 'save-answer', actor: student, answerHash: 'last' }, at(80));
    const result = transition(saved, { type: 'deadline-reached', actor: system }, at(91));
    if (!result.ok) throw new Error(result.reason);
    expect(result.state.finalAnswerHash).toBe('last');
    expect(result.effects).toContainEqual({ type: 'auto-submit', answerHash: 'last' });
  });

  it('auto-submits nothing when nothing was saved, and says so', () => {
    const result = transition(
      reach('in_progress').state,
      { type: 'deadline-reached', actor: system },
      at(91),
    );
    expect(result.ok && result.effects).toContainEqual({ type: 'auto-submit', answerHash: null });
  });

  it('reports the time left only while at work', () => {
    expect(remainingMs(reach('in_progress').state, at(31))).toBe(60 * MINUTE_MS);
    expect(remainingMs(reach('in_progress').state, at(200))).toBe(0);
    expect(remainingMs(reach('submitted').state, at(70))).toBeNull();
  });

  it('calls a session that never started work a no-show once the window has closed', () => {
    expect(isNoShow(reach('awaiting_approval').state, CLOSES)).toBe(true);
    expect(isNoShow(reach('awaiting_approval').state, CLOSES - 1)).toBe(false);
    expect(isNoShow(reach('submitted').state, CLOSES)).toBe(false);
  });

  it('freezes the last saved answer when a proctor terminates', () => {
    const { state } = reach('in_progress');
    const saved = step(state, { type: 'save-answer', actor: student, answerHash: 'kept' }, at(30));
    const terminated = step(
      saved,
      { type: 'terminate', actor: proctor, reason: 'phone call' },
      at(31),
    );
    expect(terminated).toMatchObject({
      finalAnswerHash: 'kept',
      endedAt: at(31),
      terminationReason: 'phone call',
    });
  });

  it('records whether a warning was acknowledged within the limit', () => {
    const { state } = reach('in_progress');
    const warned = step(
      state,
      { type: 'issue-warning', actor: proctor, warningId: 'w', category: 'speech' },
      at(10),
    );
    const late = transition(
      warned,
      { type: 'acknowledge-warning', actor: student, warningId: 'w' },
      at(12),
    );
    expect(late.ok && late.effects[0]).toMatchObject({
      entry: { payload: { withinLimit: false } },
    });
    const inTime = transition(
      warned,
      { type: 'acknowledge-warning', actor: student, warningId: 'w' },
      at(10) + 60_000,
    );
    expect(inTime.ok && inTime.effects[0]).toMatchObject({
      entry: { payload: { withinLimit: true } },
    });
  });

  it('arms the warning check at the end of the acknowledgement time', () => {
    const { state } = reach('in_progress');
    const result = transition(
      state,
      { type: 'issue-warning', actor: proctor, warningId: 'w', category: 'speech' },
      at(10),
    );
    expect(result.ok && result.effects).toContainEqual({
      type: 'schedule-warning-check',
      warningId: 'w',
      at: at(11),
    });
  });

  it('keeps the state plain JSON', () => {
    const { state } = reach('terminated');
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
