import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canEnterWaitingRoom,
  checkOralSlotPlan,
  checkOralTickets,
  moveInQueue,
  queuePosition,
  ticketsFromLines,
  ticketsFromPlainRows,
  ticketsFromRows,
  ticketsFromText,
  type OralSlotPlan,
  type QueueMove,
  type QueueStatus,
} from './oral-schedule.rules.ts';
import { finalMark, formatMark, isOnScale, letterFor, toScore100 } from './oral-grade.scale.ts';

const T0 = 1_750_000_000_000;
const plan: OralSlotPlan = {
  startsAt: T0,
  lengthMinutes: 60,
  preparationMinutes: 10,
  examinerIds: ['e1'],
  studentIds: ['s1', 's2', 's3'],
  record: false,
};

describe('oral slot plan', () => {
  it('accepts a slot with one examiner and three students', () => {
    expect(checkOralSlotPlan(plan)).toEqual([]);
  });
  it('refuses no examiner, four examiners, duplicates and a preparation longer than a turn', () => {
    expect(checkOralSlotPlan({ ...plan, examinerIds: [] })).toEqual(['examiners-count']);
    expect(checkOralSlotPlan({ ...plan, examinerIds: ['a', 'b', 'c', 'd'] })).toEqual([
      'examiners-count',
    ]);
    expect(checkOralSlotPlan({ ...plan, studentIds: ['s1', 's1'] })).toEqual(['duplicate-student']);
    expect(checkOralSlotPlan({ ...plan, preparationMinutes: 20 })).toEqual([
      'preparation-longer-than-turn',
    ]);
    expect(checkOralSlotPlan({ ...plan, studentIds: [] })).toEqual(['no-students']);
  });
});

describe('tickets', () => {
  it('reads numbered blocks of text, one question per line', () => {
    const text = 'Билет 3\n1) Абай\n2) Шоқан\n\nTicket 4\nWhat is a loop?\n\nThird ticket question';
    expect(ticketsFromText(text)).toEqual([
      { number: 3, questions: ['Абай', 'Шоқан'] },
      { number: 4, questions: ['What is a loop?'] },
      { number: 5, questions: ['Third ticket question'] },
    ]);
  });
  it('reads CSV rows with or without a header', () => {
    expect(
      ticketsFromRows([
        ['number', 'q1', 'q2'],
        ['1', 'A', ''],
        ['2', 'B', 'C'],
      ]),
    ).toEqual([
      { number: 1, questions: ['A'] },
      { number: 2, questions: ['B', 'C'] },
    ]);
  });
  it('refuses a ticket with four questions, a repeated number and an empty set', () => {
    expect(checkOralTickets([])).toEqual(['no-tickets']);
    expect(
      checkOralTickets([
        { number: 1, questions: ['a', 'b', 'c', 'd'] },
        { number: 1, questions: ['a'] },
      ]),
    ).toEqual(['questions-count', 'duplicate-number']);
  });
});

describe('waiting room and queue', () => {
  it('opens 20 minutes before the slot and closes at its end, only for its students', () => {
    expect(canEnterWaitingRoom(plan, 's1', T0 - 21 * 60_000)).toEqual({
      ok: false,
      reason: 'too-early',
    });
    expect(canEnterWaitingRoom(plan, 's1', T0 - 20 * 60_000)).toEqual({ ok: true });
    expect(canEnterWaitingRoom(plan, 's1', T0 + 60 * 60_000)).toEqual({
      ok: false,
      reason: 'too-late',
    });
    expect(canEnterWaitingRoom(plan, 'x', T0)).toEqual({ ok: false, reason: 'not-in-slot' });
  });
  it('counts only the students ahead who are not done, one turn each', () => {
    const statuses = { s1: 'done', s2: 'in-room', s3: 'waiting' } as const;
    expect(queuePosition(plan, statuses, 's3', T0 + 5 * 60_000)).toEqual({
      place: 2,
      estimatedAt: T0 + 5 * 60_000 + 20 * 60_000,
    });
    expect(queuePosition(plan, statuses, 's1', T0)).toBeNull();
  });
});

describe('moving a student in the queue', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];
  // a is done, b is in the room, c and e wait, d has not come yet.
  const statuses = { a: 'done', b: 'in-room', c: 'waiting', d: 'absent', e: 'waiting' } as const;
  it.each([
    ['e', 'up', ['a', 'b', 'c', 'e', 'd']],
    ['c', 'down', ['a', 'b', 'd', 'c', 'e']],
    ['e', 'first', ['a', 'b', 'e', 'c', 'd']],
    ['d', 'first', ['a', 'b', 'd', 'c', 'e']],
  ] as const)('moves %s %s past those still to be called in only', (id, move, expected) => {
    expect(moveInQueue(order, statuses, id, move)).toEqual({ ok: true, order: expected });
  });
  it.each([
    ['c', 'up', 'cannot-move'],
    ['c', 'first', 'cannot-move'],
    ['e', 'down', 'cannot-move'],
    ['a', 'first', 'already-examined'],
    ['b', 'down', 'in-room'],
    ['x', 'up', 'not-in-slot'],
  ] as const)('refuses to move %s %s: %s', (id, move, reason) => {
    expect(moveInQueue(order, statuses, id, move)).toEqual({ ok: false, reason });
  });
  it('keeps everyone once, and those done or in the room where they were', () => {
    const status = fc.constantFrom<QueueStatus>('absent', 'waiting', 'in-room', 'done');
    fc.assert(
      fc.property(
        fc.array(status, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.constantFrom<QueueMove>('up', 'down', 'first'),
        (list, pick, move) => {
          const ids = list.map((_, i) => `s${i}`);
          const st = Object.fromEntries(ids.map((id, i) => [id, list[i]!]));
          const who = ids[pick % ids.length]!;
          const r = moveInQueue(ids, st, who, move);
          if (!r.ok) return;
          expect([...r.order].sort()).toEqual([...ids].sort());
          ids.forEach((id, i) => {
            if (st[id] === 'done' || st[id] === 'in-room') expect(r.order[i]).toBe(id);
          });
          const place = (o: string[]) =>
            o.filter((id) => st[id] !== 'done' && st[id] !== 'in-room').indexOf(who);
          const before = place(ids);
          const after = place(r.order);
          expect(after).toBe(move === 'up' ? before - 1 : move === 'down' ? before + 1 : 0);
        },
      ),
    );
  });
});

describe('grading scale', () => {
  it('keeps marks on the scale and averages the commission', () => {
    expect(isOnScale('kz-letter-100', 101)).toBe(false);
    expect(isOnScale('five-point', 1)).toBe(false);
    expect(finalMark('kz-letter-100', [86, 91])).toBe(89);
    expect(finalMark('kz-letter-100', [86, 120])).toBeNull();
    expect(letterFor(89)).toBe('B+');
    expect(formatMark('kz-letter-100', 95)).toBe('95 (A)');
    expect(toScore100('five-point', 4)).toBe(80);
  });
});

describe('one ticket a line', () => {
  it('makes each non-empty line a ticket of one question, numbered in order', () => {
    expect(ticketsFromLines('1. Абай кім?\r\n\n  2) Шоқан кім?  \nЫбырай кім?\n')).toEqual([
      { number: 1, questions: ['Абай кім?'] },
      { number: 2, questions: ['Шоқан кім?'] },
      { number: 3, questions: ['Ыбырай кім?'] },
    ]);
  });

  it('makes each CSV row without numbers a ticket of its cells', () => {
    expect(ticketsFromPlainRows([['a', ' b '], ['', ''], ['c']])).toEqual([
      { number: 1, questions: ['a', 'b'] },
      { number: 2, questions: ['c'] },
    ]);
  });
});
