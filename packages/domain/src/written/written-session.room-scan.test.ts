import { describe, expect, it } from 'vitest';
import type { WrittenSessionState, WrittenStatus } from './written-session.types.ts';
import { appendAudit, verifyAuditChain } from '../audit/audit.chain.ts';
import { transition } from './written-session.machine.ts';
import { roomScanRequestedAt } from './written-session.room-scan.ts';
import { at, examiner, proctor, reach, step, student } from './written-session.fixtures.ts';

const ask = (roomScanOnRequest?: boolean) =>
  ({
    type: 'request-room-scan',
    actor: proctor,
    ...(roomScanOnRequest === undefined ? {} : { roomScanOnRequest }),
  }) as const;

describe('a room scan on the proctor request', () => {
  it.each([
    ['at work, the exam allows it', 'in_progress', true, { ok: true }],
    ['at work, the exam does not allow it', 'in_progress', false, 'room-scan-not-allowed'],
    ['at work, the setting unknown', 'in_progress', undefined, 'room-scan-not-allowed'],
    ['paused', 'paused', true, 'not-allowed-in-state'],
    ['waiting for approval', 'awaiting_approval', true, 'not-allowed-in-state'],
    ['checking in', 'checking_in', true, 'not-allowed-in-state'],
    ['submitted', 'submitted', true, 'not-allowed-in-state'],
    ['terminated', 'terminated', true, 'not-allowed-in-state'],
  ] as const)('%s', (_, status: WrittenStatus, setting, expected) => {
    const { state, now } = reach(status);
    const r = transition(state, ask(setting), now + 60_000);
    if (typeof expected === 'string') {
      expect(r).toMatchObject({ ok: false, reason: expected });
    } else {
      expect(r.ok).toBe(true);
      if (r.ok) expect(roomScanRequestedAt(r.state)).toBe(now + 60_000);
    }
  });

  it('is asked by a proctor only', () => {
    const { state } = reach('in_progress');
    for (const actor of [student, examiner]) {
      expect(transition(state, { ...ask(true), actor }, at(50))).toMatchObject({
        ok: false,
        reason: 'actor-not-allowed',
      });
    }
  });

  it('is asked once until the scan arrives', () => {
    const { state } = reach('in_progress');
    const asked = step(state, ask(true), at(50));
    expect(transition(asked, ask(true), at(51))).toMatchObject({
      ok: false,
      reason: 'room-scan-already-requested',
    });
  });

  it('tells the student, audits the request, and clears it when the scan is recorded', () => {
    const { state } = reach('in_progress');
    const asked = transition(state, ask(true), at(50));
    if (!asked.ok) throw new Error(asked.reason);
    expect(asked.state.status).toBe('in_progress');
    expect(asked.state.deadline).toBe(state.deadline);
    expect(asked.effects).toContainEqual({
      type: 'notify-student',
      key: 'session.room-scan-requested',
      params: {},
    });
    const recorded = transition(
      asked.state,
      { type: 'record-room-scan', actor: student, roomScanHash: 'scan-hash' },
      at(51),
    );
    if (!recorded.ok) throw new Error(recorded.reason);
    expect(roomScanRequestedAt(recorded.state)).toBeNull();
    expect(recorded.state.deadline).toBe(state.deadline);
    expect(recorded.effects).toContainEqual({
      type: 'notify-proctors',
      key: 'session.room-scan-recorded',
      params: { sessionId: state.sessionId },
    });
    const entries = [...asked.effects, ...recorded.effects].flatMap((e) =>
      e.type === 'audit' ? [e.entry] : [],
    );
    expect(entries.map((e) => e.type)).toEqual([
      'written.request-room-scan',
      'written.record-room-scan',
    ]);
    expect(entries[1]!.payload).toMatchObject({ roomScanHash: 'scan-hash', requestedAt: at(50) });
    const chain = entries.reduce(appendAudit, []);
    expect(verifyAuditChain(chain).ok).toBe(true);
  });

  it('records a scan only while a request is open, and only with its hash', () => {
    const { state } = reach('in_progress');
    const scan = { type: 'record-room-scan', actor: student, roomScanHash: 'h' } as const;
    expect(transition(state, scan, at(50))).toMatchObject({
      ok: false,
      reason: 'room-scan-not-requested',
    });
    const asked = step(state, ask(true), at(50));
    expect(transition(asked, { ...scan, roomScanHash: '' }, at(51))).toMatchObject({
      ok: false,
      reason: 'evidence-required',
    });
    expect(transition(asked, { ...scan, actor: proctor }, at(51))).toMatchObject({
      ok: false,
      reason: 'actor-not-allowed',
    });
  });

  it('still takes the scan when the sitting was paused after the request', () => {
    const { state } = reach('in_progress');
    const asked = step(state, ask(true), at(50));
    const paused = step(asked, { type: 'pause', actor: student, reason: 'internet-lost' }, at(51));
    const recorded = step(
      paused,
      { type: 'record-room-scan', actor: student, roomScanHash: 'h' },
      at(52),
    );
    expect(recorded.status).toBe('paused');
    expect(roomScanRequestedAt(recorded)).toBeNull();
  });

  it('reads a state stored before the field existed', () => {
    const { state } = reach('in_progress');
    const { roomScanRequestedAt: _, ...old } = state;
    const legacy = old as WrittenSessionState;
    expect(roomScanRequestedAt(legacy)).toBeNull();
    expect(transition(legacy, ask(true), at(50)).ok).toBe(true);
  });
});
