// Times on the exam form are entered and shown in the university's time zone (TIME_ZONE), not the
// device's: an examiner travelling or on a laptop set to another zone still sets 10:00 Almaty.
// Only Intl is used (no time-zone library); the conversions are the protocol's, which the server's
// timetable import reads with too.
import { isoToZoned as toZoned, zonedToIso as toIso, zoneOffsetMinutes } from '@emtihan/protocol';
import { useSession } from '../session/session';

/** The university's time zone (the server's TIME_ZONE, from the public config). */
export function useUniversityTimeZone(): string {
  return useSession().config.timeZone;
}

/** How far `zone`'s wall clock is ahead of UTC at an instant, in ms. */
export function zoneOffsetMs(ms: number, zone: string): number {
  return zoneOffsetMinutes(ms, zone) * 60_000;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A date (`YYYY-MM-DD`) and time (`HH:MM`) on `zone`'s wall clock as an ISO instant (the
 * protocol's reading, shared with the server's import); '' when the date or time is missing or
 * not a real one.
 */
export function zonedToIso(localDate: string, localTime: string, zone: string): string {
  try {
    return toIso(localDate, localTime, zone) ?? '';
  } catch {
    return ''; // an unknown zone
  }
}

/** An instant as `zone`'s wall clock: `{ date: 'YYYY-MM-DD', time: 'HH:MM' }` (empty if invalid). */
export function isoToZoned(iso: string, zone: string): { date: string; time: string } {
  if (!Number.isFinite(Date.parse(iso))) return { date: '', time: '' };
  try {
    return toZoned(iso, zone);
  } catch {
    return { date: '', time: '' };
  }
}

/** The device's time zone. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Whether two zones' clocks show different times at an instant. */
export const clocksDiffer = (iso: string, a: string, b: string): boolean =>
  zoneDiffers(a, Date.parse(iso), b);

/** Whether `zone` shows another clock than the device's zone at an instant. */
export function zoneDiffers(zone: string, ms: number, deviceZone = browserZone()): boolean {
  if (zone === deviceZone) return false;
  try {
    return zoneOffsetMs(ms, zone) !== zoneOffsetMs(ms, deviceZone);
  } catch {
    return true;
  }
}

/** "Asia/Almaty (UTC+05:00)": the zone's name with its offset at an instant. */
export function zoneLabel(zone: string, ms: number): string {
  let offset: number;
  try {
    offset = zoneOffsetMs(ms, zone) / 60_000;
  } catch {
    return zone;
  }
  const sign = offset < 0 ? '−' : '+';
  const abs = Math.abs(offset);
  return `${zone} (UTC${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)})`;
}

/** The day after `iso` on `zone`'s calendar, at `time` (for a new exam's first window). */
export function nextDayAt(
  nowMs: number,
  zone: string,
  time: string,
): { date: string; time: string } {
  const today = isoToZoned(new Date(nowMs).toISOString(), zone).date;
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return {
    date: `${next.getUTCFullYear()}-${two(next.getUTCMonth() + 1)}-${two(next.getUTCDate())}`,
    time,
  };
}
