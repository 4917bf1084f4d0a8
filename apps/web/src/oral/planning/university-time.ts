import { useSession } from '../../session/session';
// The university's time zone, and turning its wall-clock dates and times into instants (and
// back). The domain and the server know only instants (ISO UTC); the planning form speaks the
// university's time, whatever the examiner's device says.

/** The university's time zone (the server's TIME_ZONE, from the public config). */
export function useUniversityTimeZone(): string {
  return useSession().config.timeZone;
}

type Wall = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
};

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock date and time of an instant in a time zone (month 1–12, weekday 0 = Sunday). */
export function wallOf(instant: number, timeZone: string): Wall {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')) % 24,
    minute: Number(get('minute')),
    weekday: WEEKDAYS.indexOf(get('weekday')),
  };
}

/** How far the zone's clock is ahead of UTC at an instant, in ms (whole minutes). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const w = wallOf(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return asUtc - Math.floor(instant / 60_000) * 60_000;
}

// Wall-clock times and instants: the protocol's, shared with the server's timetable import.
export { isoToZoned, zonedToIso } from '@emtihan/protocol';

/** The device's own time zone. */
export const deviceTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Whether two zones' clocks show different times at this instant. */
export const clocksDiffer = (iso: string, a: string, b: string): boolean =>
  zoneOffsetMs(Date.parse(iso), a) !== zoneOffsetMs(Date.parse(iso), b);
