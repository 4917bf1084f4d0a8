import { describe, expect, it } from 'vitest';
import type { PlacementSlot, PlacementStudent } from './placement.rules.ts';
import {
  bookingIsOver,
  canBookSlot,
  checkBookingSettings,
  placeStudents,
  placementOrder,
} from './placement.rules.ts';

const slot = (
  slotId: string,
  committee: number,
  startsAt: number,
  studentIds: string[] = [],
  capacity = 1,
): PlacementSlot => ({
  slotId,
  committee,
  startsAt,
  capacity,
  studentIds,
});
const student = (id: string, fullName: string, group: string | null = 'G-1'): PlacementStudent => ({
  id,
  fullName,
  group,
});

describe('placing students', () => {
  it('orders students by group (none last), then name', () => {
    const order = placementOrder([
      student('a', 'Ыбырай', 'G-2'),
      student('b', 'Әлия', 'G-2'),
      student('c', 'Абай', null),
      student('d', 'Болат', 'G-1'),
    ]);
    expect(order.map((s) => s.id)).toEqual(['d', 'b', 'a', 'c']);
  });

  it('fills free places in time order across committees, skipping slots begun or full', () => {
    const slots = [
      slot('c1-0900', 0, 900),
      slot('c2-0900', 1, 900, ['x']),
      slot('c2-0920', 1, 920),
      slot('c1-0920', 0, 920, [], 2),
      slot('c1-0840', 0, 840),
    ];
    const students = ['s1', 's2', 's3', 's4', 's5', 'x'].map((id) => student(id, id));
    const r = placeStudents(slots, students, 850);
    expect(r.queues).toEqual({ 'c1-0900': ['s1'], 'c1-0920': ['s2', 's3'], 'c2-0920': ['s4'] });
    expect(r.placed).toEqual(['s1', 's2', 's3', 's4']);
    expect(r.unplaced).toEqual(['s5']);
  });

  it('changes nothing when everyone is placed', () => {
    const r = placeStudents([slot('a', 0, 10, ['s1'])], [student('s1', 'A')], 0);
    expect(r).toEqual({ queues: {}, placed: [], unplaced: [] });
  });
});

describe('booking a slot', () => {
  const open = { mode: 'booking' as const, bookingClosesAt: 100, now: 50, alreadyPlaced: false };
  it.each([
    ['a free slot before the cut-off', {}, { ok: true }],
    [
      'when the examiner places',
      { mode: 'auto' as const },
      { ok: false, reason: 'booking-not-open' },
    ],
    ['at the cut-off', { now: 100 }, { ok: false, reason: 'booking-closed' }],
    ['with no cut-off set', { bookingClosesAt: null }, { ok: false, reason: 'booking-closed' }],
    ['a second place', { alreadyPlaced: true }, { ok: false, reason: 'already-placed' }],
    ['a full slot', { slot: slot('s', 0, 200, ['x']) }, { ok: false, reason: 'slot-full' }],
    ['a slot begun', { slot: slot('s', 0, 40) }, { ok: false, reason: 'slot-started' }],
  ] as const)('decides %s', (_name, patch, expected) => {
    expect(canBookSlot({ ...open, slot: slot('s', 0, 200), ...patch })).toEqual(expected);
  });

  it('is over only in booking mode once the cut-off has come', () => {
    expect(bookingIsOver('booking', 100, 100)).toBe(true);
    expect(bookingIsOver('booking', 100, 99)).toBe(false);
    expect(bookingIsOver('auto', 100, 200)).toBe(false);
    expect(bookingIsOver('booking', null, 200)).toBe(false);
  });
});

describe('booking settings', () => {
  it.each([
    ['auto placement', 'auto', null, []],
    ['booking with a cut-off before the day', 'booking', 50, []],
    [
      'booking without a cut-off',
      'booking',
      null,
      [{ field: 'bookingClosesAt', problem: 'cut-off-required' }],
    ],
    [
      'a cut-off after the first slot',
      'booking',
      150,
      [{ field: 'bookingClosesAt', problem: 'cut-off-after-first-slot' }],
    ],
  ] as const)('checks %s', (_name, mode, closes, expected) => {
    expect(checkBookingSettings(mode, closes, 100)).toEqual(expected);
  });
});
