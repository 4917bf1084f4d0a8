// Times on the exam form are entered and shown in the university's time zone (TIME_ZONE), not the
// device's: an examiner travelling or on a laptop set to another zone still sets 10:00 Almaty.
// Only Intl is used (no time-zone library).

const PARTS: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
};

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { ...PARTS, timeZone: zone });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock of `zone` at an instant, as numbers. */
function wallClock(ms: number, zone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatterOf(zone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** How far `zone`'s wall clock is ahead of UTC at an instant, in ms. */
export function zoneOffsetMs(ms: number, zone: string): number {
  const w = wallClock(ms, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A date (`YYYY-MM-DD`) and time (`HH:MM`) on `zone`'s wall clock as an ISO instant; '' when the
 * date or time is missing or not a real one. A time skipped by a clock change is moved forward.
 */
export function zonedToIso(localDate: string, localTime: string, zone: string): string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  const t = /^(\d{2}):(\d{2})$/.exec(localTime);
  if (!d || !t) return '';
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return '';
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return '';
  try {
    // The offset at the guess, then at the result (they differ only near a clock change).
    let ms = wall - zoneOffsetMs(wall, zone);
    ms = wall - zoneOffsetMs(ms, zone);
    return new Date(ms).toISOString();
  } catch {
    return '';
  }
}

/** An instant as `zone`'s wall clock: `{ date: 'YYYY-MM-DD', time: 'HH:MM' }` (empty if invalid). */
export function isoToZoned(iso: string, zone: string): { date: string; time: string } {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return { date: '', time: '' };
  const w = wallClock(ms, zone);
  return {
    date: `${w.year}-${two(w.month)}-${two(w.day)}`,
    time: `${two(w.hour)}:${two(w.minute)}`,
  };
}

/** The device's time zone. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

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
