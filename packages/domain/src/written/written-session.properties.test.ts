import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Actor } from '../common/actor.types.ts';
import type { AuditEntry } from '../audit/audit.chain.ts';
import type { WrittenEvent, WrittenSessionState, WrittenStatus } from './written-session.types.ts';
import { MINUTE_MS } from '../common/time.types.ts';
import { appendAudit, verifyAuditChain } from '../audit/audit.chain.ts';
import { leafPaths, tamperLeaf } from '../audit/audit.tamper.fixtures.ts';
import { flagCategories } from '../signals/flag.types.ts';
import { timeOutModes, type TimeOutMode } from '../exam/exam-config.defaults.ts';
import { incidentKinds, writtenStatuses } from './written-session.types.ts';
import { writtenSessionTable } from './written-session.table.ts';
import { transition } from './written-session.machine.ts';
import { accommodatedTerms } from '../accommodation/accommodation.rules.ts';
import {
  CLOSES,
  admin,
  at,
  examiner,
  newSession,
  otherStudent,
  proctor,
  student,
  system,
} from './written-session.fixtures.ts';

interface Step {
  pick: number;
  actorPick: number;
  wrongActor: boolean;
  minutes: number;
  reason: string;
  flag: boolean;
  amount: number;
  id: number;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  pick: fc.nat(),
  actorPick: fc.nat(),
  wrongActor: fc.integer({ min: 0, max: 9 }).map((n) => n === 0), // 1 in 10 sent by anyone
  minutes: fc.constantFrom(0, 1, 2, 5, 10, 30, 60, 90),
  reason: fc.constantFrom('', 'phone call', 'photo unclear'),
  flag: fc.boolean(),
  amount: fc.integer({ min: -5, max: 40 }),
  id: fc.integer({ min: 1, max: 4 }),
});

const anyone: Actor[] = [student, otherStudent, proctor, examiner, admin, system];
const byRole = (role: Actor['role']): Actor =>
  role === 'student'
    ? student
    : role === 'proctor'
      ? proctor
      : role === 'examiner'
        ? examiner
        : role === 'admin'
          ? admin
          : system;

/** An event allowed in the current state (so histories go deep), with varied details. */
function eventFor(state: WrittenSessionState, s: Step): WrittenEvent {
  const allowed = writtenSessionTable.filter((row) => row.from.includes(state.status));
  const rows = allowed.length > 0 ? allowed : writtenSessionTable; // final states: all refused
  const row = rows[s.pick % rows.length]!;
  const actor = s.wrongActor
    ? anyone[s.actorPick % anyone.length]!
    : byRole(row.actors[s.actorPick % row.actors.length]!);
  const hash = `answer-${s.id}`;
  const warningId = `w-${s.id}`;
  switch (row.event) {
    case 'complete-check-in':
      return { type: row.event, actor, idDocumentHash: s.flag ? 'doc' : '' };
    case 'reject-identity':
    case 'terminate':
    case 'annul':
      return { type: row.event, actor, reason: s.reason };
    case 'save-answer':
    case 'submit':
      return { type: row.event, actor, answerHash: hash };
    case 'pause':
      return { type: row.event, actor, reason: incidentKinds[s.id % incidentKinds.length]! };
    case 'resume':
      return { type: row.event, actor, compensate: s.flag };
    case 'grant-compensation':
    case 'add-time':
      return { type: row.event, actor, minutes: s.amount, reason: s.reason };
    case 'issue-warning':
      return {
        type: row.event,
        actor,
        warningId,
        category: flagCategories[Math.abs(s.amount) % flagCategories.length]!,
      };
    case 'acknowledge-warning':
      return { type: row.event, actor, warningId };
    case 'request-room-scan':
      return { type: row.event, actor, roomScanOnRequest: s.flag };
    case 'record-room-scan':
      return { type: row.event, actor, roomScanHash: s.flag ? `scan-${s.id}` : '' };
    case 'amend-terms':
      // Longer or shorter, a moved close, another way of running out of time.
      return {
        type: row.event,
        actor,
        terms: {
          ...state.terms,
          durationMinutes: 90 + s.amount,
          window: { ...state.terms.window, closesAt: CLOSES + (s.id - 2) * 30 * MINUTE_MS },
          timeOut: {
            mode: timeOutModes[s.id % timeOutModes.length]!,
            graceMinutes: s.flag ? 10 : 0,
          },
        },
      };
    default:
      return { type: row.event, actor } as WrittenEvent;
  }
}

interface Run {
  states: WrittenSessionState[];
  chain: AuditEntry[];
}

function run(
  steps: readonly Step[],
  liveProctoring: boolean,
  automatic: boolean,
  mode: TimeOutMode = 'submit',
): Run {
  const plain = newSession({
    liveProctoring,
    compensation: { automatic },
    timeOut: { mode, graceMinutes: mode === 'grace' ? 15 : 0 },
  });
  // Half of the histories under an accommodation (a factor, rest breaks to take).
  let state = automatic
    ? {
        ...plain,
        terms: accommodatedTerms(
          plain.terms,
          { timeFactor: 1.5, extraMinutes: 5, breakMinutes: 20, skippedChecks: [] },
          null,
        ),
      }
    : plain;
  let now = at(-25);
  const states = [state];
  let chain: AuditEntry[] = [];
  for (const s of steps) {
    now += s.minutes * MINUTE_MS;
    const result = transition(state, eventFor(state, s), now);
    if (!result.ok) continue;
    const row = writtenSessionTable.find(
      (r) => r.from.includes(state.status) && r.to.includes(result.state.status),
    );
    expect(row).toBeDefined();
    const audits = result.effects.filter((e) => e.type === 'audit');
    expect(audits).toHaveLength(1);
    expect(result.effects[0]!.type).toBe('audit');
    for (const effect of audits) chain = appendAudit(chain, effect.entry);
    state = result.state;
    states.push(state);
  }
  return { states, chain };
}

const historyArb = fc.tuple(
  fc.array(stepArb, { maxLength: 60 }),
  fc.boolean(),
  fc.boolean(),
  fc.constantFrom(...timeOutModes),
);
const reached = new Set<WrittenStatus>();

// A fixed seed: the coverage check below depends on which histories were generated, and a
// random draw sometimes never reaches `timed_out`, which would make CI fail by chance.
fc.configureGlobal({ seed: 20261201 });

describe('written session properties (any sequence of events)', () => {
  it('never returns a terminated or annulled session to work', () => {
    fc.assert(
      fc.property(historyArb, ([steps, live, automatic, mode]) => {
        const { states } = run(steps, live, automatic, mode);
        let ended = false;
        for (const s of states) {
          reached.add(s.status);
          if (ended) expect(['in_progress', 'paused']).not.toContain(s.status);
          if (s.status === 'terminated' || s.status === 'annulled') ended = true;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never moves a deadline earlier than one already granted', () => {
    fc.assert(
      fc.property(historyArb, ([steps, live, automatic, mode]) => {
        let last: number | null = null;
        for (const s of run(steps, live, automatic, mode).states) {
          if (last !== null) expect(s.deadline).not.toBeNull();
          if (last !== null && s.deadline !== null) expect(s.deadline).toBeGreaterThanOrEqual(last);
          if (s.deadline !== null) last = s.deadline;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never changes an answer once work has ended', () => {
    fc.assert(
      fc.property(historyArb, ([steps, live, automatic, mode]) => {
        let frozen: { hash: string | null; endedAt: number } | null = null;
        for (const s of run(steps, live, automatic, mode).states) {
          if (frozen) expect({ hash: s.finalAnswerHash, endedAt: s.endedAt }).toEqual(frozen);
          else if (s.endedAt !== null) frozen = { hash: s.finalAnswerHash, endedAt: s.endedAt };
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every state plain JSON', () => {
    fc.assert(
      fc.property(historyArb, ([steps, live, automatic, mode]) => {
        for (const s of run(steps, live, automatic, mode).states) {
          expect(JSON.parse(JSON.stringify(s))).toEqual(s);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('writes an audit chain that verifies, and breaks exactly where any byte of any entry is flipped', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.nat(),
        fc.nat(),
        fc.nat(),
        ([steps, live, automatic, mode], e, l, c) => {
          const { chain } = run(steps, live, automatic, mode);
          expect(verifyAuditChain(chain)).toEqual({ ok: true });
          if (chain.length === 0) return;
          const index = e % chain.length;
          const paths = leafPaths(chain[index]!);
          const tampered = [...chain];
          tampered[index] = tamperLeaf(chain[index]!, paths[l % paths.length]!, c);
          expect(verifyAuditChain(tampered)).toEqual({ ok: false, brokenAt: index + 1 });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reaches every status in the generated histories (the properties above are not vacuous)', () => {
    expect([...reached].sort()).toEqual([...writtenStatuses].sort());
  });
});
