import type { EpochMs } from '../common/time.types.ts';
import type { Refusal } from '../common/result.types.ts';
import { refuse } from '../common/result.types.ts';

/** A slot as placement sees it: its committee's position, its time, places and who is in it. */
export type PlacementSlot = {
  slotId: string;
  committee: number;
  startsAt: EpochMs;
  capacity: number;
  studentIds: readonly string[];
};

export type PlacementStudent = { id: string; group: string | null; fullName: string };

/** The students in the order they are placed: by group (none last), then name, then id. */
export function placementOrder(students: readonly PlacementStudent[]): PlacementStudent[] {
  const by = (a: string, b: string) => a.localeCompare(b, 'kk');
  return [...students].sort(
    (a, b) =>
      (a.group === null ? 1 : 0) - (b.group === null ? 1 : 0) ||
      by(a.group ?? '', b.group ?? '') ||
      by(a.fullName, b.fullName) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * Places the students not yet in any slot into the free places of slots that have not begun, in
 * time order and across committees at the same time (09:00 first committee, 09:00 second, 09:20
 * first, …), so the day ends as early as it can and the committees share the work. Students go
 * in `placementOrder`, so a group sits together. Returns each slot's new queue (only slots that
 * changed) and who found no place.
 */
export function placeStudents(
  slots: readonly PlacementSlot[],
  students: readonly PlacementStudent[],
  now: EpochMs,
): { queues: Record<string, string[]>; placed: string[]; unplaced: string[] } {
  const taken = new Set(slots.flatMap((s) => s.studentIds));
  const waiting = placementOrder(students.filter((s) => !taken.has(s.id)));
  const open = [...slots]
    .filter((s) => s.startsAt > now && s.studentIds.length < s.capacity)
    .sort((a, b) => a.startsAt - b.startsAt || a.committee - b.committee);
  const queues: Record<string, string[]> = {};
  const placed: string[] = [];
  let next = 0;
  for (const slot of open) {
    const queue = [...slot.studentIds];
    while (queue.length < slot.capacity && next < waiting.length) {
      const id = waiting[next++]!.id;
      queue.push(id);
      placed.push(id);
    }
    if (queue.length !== slot.studentIds.length) queues[slot.slotId] = queue;
  }
  return { queues, placed, unplaced: waiting.slice(next).map((s) => s.id) };
}

/** How students get their slots: placed by the examiner, or booked by themselves until a cut-off. */
export type PlacementMode = 'auto' | 'booking';

export type BookingRefusal =
  'booking-not-open' | 'booking-closed' | 'already-placed' | 'slot-full' | 'slot-started';

/** Whether a student may book a place in a slot now. */
export function canBookSlot(input: {
  mode: PlacementMode;
  bookingClosesAt: EpochMs | null;
  now: EpochMs;
  alreadyPlaced: boolean;
  slot: Pick<PlacementSlot, 'startsAt' | 'capacity' | 'studentIds'>;
}): { ok: true } | Refusal<BookingRefusal> {
  if (input.mode !== 'booking') return refuse('booking-not-open');
  if (input.bookingClosesAt === null || input.now >= input.bookingClosesAt)
    return refuse('booking-closed');
  if (input.alreadyPlaced) return refuse('already-placed');
  if (input.now >= input.slot.startsAt) return refuse('slot-started');
  if (input.slot.studentIds.length >= input.slot.capacity) return refuse('slot-full');
  return { ok: true };
}

/** After the cut-off, the students who did not book are placed automatically. */
export const bookingIsOver = (
  mode: PlacementMode,
  bookingClosesAt: EpochMs | null,
  now: EpochMs,
): boolean => mode === 'booking' && bookingClosesAt !== null && now >= bookingClosesAt;

export type BookingSettingsProblem = 'cut-off-required' | 'cut-off-after-first-slot';

/** Booking needs a cut-off, and it comes before the first slot (the rest are placed then). */
export function checkBookingSettings(
  mode: PlacementMode,
  bookingClosesAt: EpochMs | null,
  firstSlotAt: EpochMs,
): { field: 'bookingClosesAt'; problem: BookingSettingsProblem }[] {
  if (mode !== 'booking') return [];
  if (bookingClosesAt === null || !Number.isFinite(bookingClosesAt))
    return [{ field: 'bookingClosesAt', problem: 'cut-off-required' }];
  if (bookingClosesAt > firstSlotAt)
    return [{ field: 'bookingClosesAt', problem: 'cut-off-after-first-slot' }];
  return [];
}
