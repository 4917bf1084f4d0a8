import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TicketDrawState } from './ticket-draw.ts';
import { createTicketDraw, drawTicket, replayTicketDraw } from './ticket-draw.ts';
import { nextRandom, normalizeSeed } from './seeded.prng.ts';

const tickets = (n: number): string[] => Array.from({ length: n }, (_, i) => `t-${i + 1}`);
const students = (n: number): string[] => Array.from({ length: n }, (_, i) => `s-${i + 1}`);

function drawAll(seed: number, ticketIds: string[], order: string[]): TicketDrawState {
  const created = createTicketDraw({ slotId: 'slot', seed, ticketIds });
  if (!created.ok) throw new Error(created.reason);
  return order.reduce((state, student) => {
    const r = drawTicket(state, student);
    if (!r.ok) throw new Error(r.reason);
    return r.state;
  }, created.state);
}

describe('ticket draw', () => {
  it.each([
    ['no tickets', [], 'no-tickets'],
    ['the same ticket twice', ['t-1', 't-1'], 'duplicate-ticket'],
  ] as const)('refuses a slot with %s', (_name, ticketIds, reason) => {
    expect(createTicketDraw({ slotId: 's', seed: 1, ticketIds })).toEqual({ ok: false, reason });
  });

  it('refuses a second draw for the same student', () => {
    const state = drawAll(7, tickets(5), ['s-1']);
    expect(drawTicket(state, 's-1')).toEqual({ ok: false, reason: 'already-drawn' });
  });

  it('records the seed, so the audit can replay the draw', () => {
    const created = createTicketDraw({ slotId: 's', seed: 99, ticketIds: tickets(3) });
    const r = created.ok && drawTicket(created.state, 's-1');
    expect(r && r.ok && r.seed).toBe(99);
    expect(r && r.ok && r.draw.drawNumber).toBe(1);
  });

  it('keeps the state plain JSON and leaves the given state unchanged', () => {
    const state = drawAll(5, tickets(4), ['s-1']);
    const copy = JSON.parse(JSON.stringify(state)) as typeof state;
    drawTicket(state, 's-2');
    expect(state).toEqual(copy);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('never gives two students of a slot the same ticket while unused tickets remain, and spreads the rest evenly', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 30 }),
        (seed, t, s) => {
          const state = drawAll(seed, tickets(t), students(s));
          const firstRound = state.draws.slice(0, t).map((d) => d.ticketId);
          expect(new Set(firstRound).size).toBe(firstRound.length);
          const uses = tickets(t).map((id) => state.draws.filter((d) => d.ticketId === id).length);
          expect(Math.max(...uses) - Math.min(...uses)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('is reproducible from the seed', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 15 }),
        (seed, t, s) => {
          const order = students(s);
          expect(replayTicketDraw(seed, tickets(t), order)).toEqual(
            drawAll(seed, tickets(t), order).draws,
          );
        },
      ),
    );
  });

  it('gives different slots different orders for different seeds', () => {
    const a = drawAll(1, tickets(20), students(20)).draws.map((d) => d.ticketId);
    const b = drawAll(2, tickets(20), students(20)).draws.map((d) => d.ticketId);
    expect(a).not.toEqual(b);
  });
});

describe('seeded PRNG (mulberry32)', () => {
  it('gives the same sequence for the same seed', () => {
    const seq = (seed: number) => {
      let state = normalizeSeed(seed);
      return Array.from({ length: 5 }, () => {
        const step = nextRandom(state);
        state = step.state;
        return step.value;
      });
    };
    expect(seq(12345)).toEqual(seq(12345));
    expect(seq(12345)).not.toEqual(seq(12346));
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    let state = 2024;
    const values: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const step = nextRandom(state);
      state = step.state;
      values.push(step.value);
    }
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const buckets = new Array<number>(10).fill(0);
    for (const value of values) buckets[Math.floor(value * 10)]! += 1;
    for (const count of buckets) expect(count).toBeGreaterThan(850);
  });

  it('turns any number into a 32-bit seed', () => {
    expect(normalizeSeed(-1)).toBe(4294967295);
    expect(normalizeSeed(Number.NaN)).toBe(0);
    expect(normalizeSeed(2 ** 32 + 5)).toBe(5);
  });
});

describe('ticket pools and the committee rule', () => {
  const theory = Array.from({ length: 5 }, (_, i) => `theory:${i + 1}`);
  const practice = Array.from({ length: 4 }, (_, i) => `practice:${i + 1}`);

  it('draws one ticket from each pool, in pool order, joined in the ticket id', () => {
    const created = createTicketDraw({ slotId: 's', seed: 3, pools: [theory, practice] });
    if (!created.ok) throw new Error(created.reason);
    const r = drawTicket(created.state, 's-1');
    if (!r.ok) throw new Error(r.reason);
    expect(r.draw.picks).toHaveLength(2);
    expect(theory).toContain(r.draw.picks![0]);
    expect(practice).toContain(r.draw.picks![1]);
    expect(r.draw.ticketId).toBe(r.draw.picks!.join('+'));
  });

  it('refuses an empty pool and a ticket id with the separator', () => {
    expect(createTicketDraw({ slotId: 's', seed: 1, pools: [theory, []] })).toEqual({
      ok: false,
      reason: 'no-tickets',
    });
    expect(createTicketDraw({ slotId: 's', seed: 1, ticketIds: ['a+b'] })).toEqual({
      ok: false,
      reason: 'duplicate-ticket',
    });
  });

  it.each([0, 1, 42, 2 ** 31 - 5])(
    'with seed %i avoids every ticket the committee’s other slots drew while unused ones remain',
    (seed) => {
      const created = createTicketDraw({ slotId: 's', seed, pools: [theory, practice] });
      if (!created.ok) throw new Error(created.reason);
      const elsewhere = ['theory:1', 'theory:2', 'theory:4', 'practice:2', 'practice:3'];
      const r = drawTicket(created.state, 's-1', elsewhere);
      if (!r.ok) throw new Error(r.reason);
      expect(['theory:3', 'theory:5']).toContain(r.draw.picks![0]);
      expect(['practice:1', 'practice:4']).toContain(r.draw.picks![1]);
      // The audit records what the other slots had drawn (only this draw's tickets, sorted).
      expect(r.draw.usedElsewhere).toEqual([...elsewhere].sort());
      // The next student avoids both those and this slot's draw.
      const next = drawTicket(r.state, 's-2', elsewhere);
      if (!next.ok) throw new Error(next.reason);
      expect(next.draw.picks![0]).not.toBe(r.draw.picks![0]);
      expect(['theory:3', 'theory:5']).toContain(next.draw.picks![0]);
    },
  );

  it('starts a new round evenly once the committee has used every ticket', () => {
    const created = createTicketDraw({ slotId: 's', seed: 5, ticketIds: ['a', 'b', 'c'] });
    if (!created.ok) throw new Error(created.reason);
    const r = drawTicket(created.state, 's-1', ['a', 'b', 'c', 'a', 'b']);
    expect(r.ok && r.draw.ticketId).toBe('c');
  });

  it('keeps a draw without pools or other slots exactly as before (old exams replay the same)', () => {
    const order = students(6);
    const plain = replayTicketDraw(17, tickets(4), order);
    expect(plain.every((d) => d.picks === undefined && d.usedElsewhere === undefined)).toBe(true);
    const onePool = replayTicketDraw(17, [], order, { pools: [tickets(4)] });
    expect(onePool.map((d) => d.ticketId)).toEqual(plain.map((d) => d.ticketId));
  });

  it('replays a committee draw from its seed and what each draw recorded', () => {
    const created = createTicketDraw({ slotId: 's', seed: 77, pools: [theory, practice] });
    if (!created.ok) throw new Error(created.reason);
    const elsewhere = [['theory:2'], ['theory:2', 'practice:1', 'theory:5']];
    let state = created.state;
    for (const [i, student] of ['s-1', 's-2'].entries()) {
      const r = drawTicket(state, student, elsewhere[i]);
      if (!r.ok) throw new Error(r.reason);
      state = r.state;
    }
    const replayed = replayTicketDraw(77, [], ['s-1', 's-2'], {
      pools: [theory, practice],
      usedElsewhere: state.draws.map((d) => d.usedElsewhere),
    });
    expect(replayed).toEqual(state.draws);
  });
});
