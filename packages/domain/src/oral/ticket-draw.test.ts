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
