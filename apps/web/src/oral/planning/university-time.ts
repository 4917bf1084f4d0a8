// The university's time zone, and turning its wall-clock dates and times into instants (and
// back). The domain and the server know only instants (ISO UTC); the planning form speaks the
// university's time, whatever the examiner's device says.

/**
 * THE ONE PLACE that names the university's time zone. TODO(public-config): the public config
 * gets a `timeZone`; read it from there and delete this constant.
 */
export const UNIVERSITY_TIME_ZONE = 'Asia/Almaty';

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

/** "2026-01-15" and "09:00" on the zone's clock, as an ISO UTC instant; null if not a date. */
export function zonedToIso(date: string, time: string, timeZone: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const wall = Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +t[1]!, +t[2]!);
  // Twice: the offset at the guessed instant may differ across a daylight-saving change.
  let at = wall - zoneOffsetMs(wall, timeZone);
  at = wall - zoneOffsetMs(at, timeZone);
  return new Date(at).toISOString();
}

const two = (n: number) => String(n).padStart(2, '0');

/** An instant as the zone's "YYYY-MM-DD" and "HH:MM" (the form's inputs). */
export function isoToZoned(iso: string, timeZone: string): { date: string; time: string } {
  const w = wallOf(Date.parse(iso), timeZone);
  return {
    date: `${w.year}-${two(w.month)}-${two(w.day)}`,
    time: `${two(w.hour)}:${two(w.minute)}`,
  };
}

/** The device's own time zone. */
export const deviceTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Whether two zones' clocks show different times at this instant. */
export const clocksDiffer = (iso: string, a: string, b: string): boolean =>
  zoneOffsetMs(Date.parse(iso), a) !== zoneOffsetMs(Date.parse(iso), b);
