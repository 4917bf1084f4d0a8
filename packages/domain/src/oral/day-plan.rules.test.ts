import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MINUTE_MS } from '../common/time.types.ts';
import type { OralDayPlan } from './day-plan.rules.ts';
import { checkDayPlan, generateDaySlots } from './day-plan.rules.ts';

const NINE = Date.UTC(2026, 0, 15, 4, 0); // 09:00 in Almaty (UTC+5): the client's instant
const base: OralDayPlan = {
  firstSlotAt: NINE,
  slotMinutes: 20,
  preparationMinutes: 5,
  studentsPerSlot: 1,
  slotsPerCommittee: 6,
  committees: 2,
  breaks: [],
  lunch: null,
};
const hhmm = (t: number) => new Date(t + 5 * 60 * MINUTE_MS).toISOString().slice(11, 16);
const timesOf = (plan: OralDayPlan, committee = 0) => {
  const r = generateDaySlots(plan);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.slots.filter((s) => s.committee === committee).map((s) => hhmm(s.startsAt));
};

describe('day plan → slots', () => {
  it.each([
    ['back to back', {}, ['09:00', '09:20', '09:40', '10:00', '10:20', '10:40']],
    [
      'a 15-minute break after the third slot',
      { breaks: [{ afterSlot: 3, minutes: 15 }] },
      ['09:00', '09:20', '09:40', '10:15', '10:35', '10:55'],
    ],
    [
      'two breaks given out of order',
      {
        breaks: [
          { afterSlot: 4, minutes: 10 },
          { afterSlot: 1, minutes: 5 },
        ],
      },
      ['09:00', '09:25', '09:45', '10:05', '10:35', '10:55'],
    ],
    [
      'a lunch at 09:50 for 40 minutes: the slot that would overlap it starts after',
      { lunch: { startsAt: NINE + 50 * MINUTE_MS, minutes: 40 } },
      ['09:00', '09:20', '10:30', '10:50', '11:10', '11:30'],
    ],
    [
      'a lunch that starts exactly when a slot ends',
      { lunch: { startsAt: NINE + 40 * MINUTE_MS, minutes: 30 } },
      ['09:00', '09:20', '10:10', '10:30', '10:50', '11:10'],
    ],
    [
      'thirty-minute slots with two students each',
      { slotMinutes: 30, studentsPerSlot: 2, slotsPerCommittee: 3 },
      ['09:00', '09:30', '10:00'],
    ],
  ] as const)('generates slots %s', (_name, patch, expected) => {
    expect(timesOf({ ...base, ...patch })).toEqual(expected);
  });

  it('gives every committee the same times, numbered from 1', () => {
    const r = generateDaySlots(base);
    expect(r.ok && r.slots.length).toBe(12);
    const slots = r.ok ? r.slots : [];
    expect(slots.filter((s) => s.committee === 1).map((s) => s.startsAt)).toEqual(
      slots.filter((s) => s.committee === 0).map((s) => s.startsAt),
    );
    expect(slots.filter((s) => s.committee === 1).map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(slots.every((s) => s.lengthMinutes === 20)).toBe(true);
  });

  it.each([
    [
      'a slot of 3 minutes',
      { slotMinutes: 3 },
      [{ field: 'slotMinutes', problem: 'invalid-length' }],
    ],
    [
      'preparation as long as the turn',
      { slotMinutes: 20, studentsPerSlot: 2, preparationMinutes: 10 },
      [{ field: 'preparationMinutes', problem: 'preparation-longer-than-turn' }],
    ],
    [
      'no students per slot',
      { studentsPerSlot: 0 },
      [{ field: 'studentsPerSlot', problem: 'invalid-students-per-slot' }],
    ],
    [
      'no slots',
      { slotsPerCommittee: 0 },
      [{ field: 'slotsPerCommittee', problem: 'invalid-slot-count' }],
    ],
    [
      'no committee',
      { committees: 0 },
      [{ field: 'committees', problem: 'invalid-committee-count' }],
    ],
    [
      'a break after the last slot and one of no minutes',
      {
        breaks: [
          { afterSlot: 6, minutes: 10 },
          { afterSlot: 2, minutes: 0 },
        ],
      },
      [
        { field: 'breaks.0.afterSlot', problem: 'invalid-break' },
        { field: 'breaks.1.minutes', problem: 'invalid-break' },
      ],
    ],
    [
      'two breaks after the same slot',
      {
        breaks: [
          { afterSlot: 2, minutes: 10 },
          { afterSlot: 2, minutes: 5 },
        ],
      },
      [{ field: 'breaks.1.afterSlot', problem: 'duplicate-break' }],
    ],
    [
      'a lunch of no minutes',
      { lunch: { startsAt: NINE, minutes: 0 } },
      [{ field: 'lunch.minutes', problem: 'invalid-lunch' }],
    ],
    [
      'a day longer than 24 hours',
      { slotMinutes: 480, slotsPerCommittee: 4 },
      [{ field: 'slotsPerCommittee', problem: 'day-too-long' }],
    ],
    ['no start', { firstSlotAt: Number.NaN }, [{ field: 'firstSlotAt', problem: 'invalid-start' }]],
  ] as const)('refuses %s, naming the field', (_name, patch, issues) => {
    const plan = { ...base, ...patch } as OralDayPlan;
    expect(checkDayPlan(plan)).toEqual(issues);
    expect(generateDaySlots(plan)).toEqual({ ok: false, issues });
  });

  it('never overlaps slots of a committee, respects every break and the lunch, and makes the right count', () => {
    const plans = fc
      .record({
        slotMinutes: fc.integer({ min: 5, max: 60 }),
        slotsPerCommittee: fc.integer({ min: 1, max: 12 }),
        committees: fc.integer({ min: 1, max: 4 }),
        breaks: fc.uniqueArray(
          fc.record({
            afterSlot: fc.integer({ min: 1, max: 11 }),
            minutes: fc.integer({ min: 1, max: 90 }),
          }),
          { selector: (b) => b.afterSlot, maxLength: 4 },
        ),
        lunch: fc.option(
          fc.record({
            startsAt: fc.integer({ min: 0, max: 600 }).map((m) => NINE + m * MINUTE_MS),
            minutes: fc.integer({ min: 1, max: 90 }),
          }),
          { nil: null },
        ),
      })
      .map((p) => ({
        ...base,
        ...p,
        preparationMinutes: 0,
        breaks: p.breaks.filter((b) => b.afterSlot < p.slotsPerCommittee),
      }));
    fc.assert(
      fc.property(plans, (plan) => {
        const r = generateDaySlots(plan);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.slots).toHaveLength(plan.slotsPerCommittee * plan.committees);
        for (let c = 0; c < plan.committees; c++) {
          const mine = r.slots.filter((s) => s.committee === c);
          expect(mine.map((s) => s.number)).toEqual(mine.map((_s, i) => i + 1));
          expect(mine[0]!.startsAt).toBeGreaterThanOrEqual(plan.firstSlotAt);
          mine.forEach((s, i) => {
            const end = s.startsAt + s.lengthMinutes * MINUTE_MS;
            if (plan.lunch) {
              const from = plan.lunch.startsAt;
              const to = from + plan.lunch.minutes * MINUTE_MS;
              expect(end <= from || s.startsAt >= to).toBe(true);
            }
            const next = mine[i + 1];
            if (!next) return;
            const pause = plan.breaks.find((b) => b.afterSlot === s.number)?.minutes ?? 0;
            expect(next.startsAt).toBeGreaterThanOrEqual(end + pause * MINUTE_MS);
          });
        }
      }),
    );
  });
});
