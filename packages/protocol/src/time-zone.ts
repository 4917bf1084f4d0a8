// Wall-clock times in a named time zone (the university's TIME_ZONE) and instants, with Intl
// alone: the server reads the timetable import with it, the web its forms.

/** The zone's offset from UTC at `instant`, in minutes (Asia/Almaty: +300). */
export function zoneOffsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant of a wall-clock time (`YYYY-MM-DD`, `HH:MM`) in `timeZone`, as ISO-8601 UTC; null
 * when the text is not such a date and time. Across a DST change the earlier reading wins.
 */
export function zonedToIso(date: string, time: string, timeZone: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const t = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  const naive = Date.UTC(y, mo - 1, da, h, mi);
  if (new Date(naive).getUTCDate() !== da) return null; // 31 February
  // The offset at the naive instant, then at the corrected one (it may differ across a change).
  let instant = naive - zoneOffsetMinutes(naive, timeZone) * 60_000;
  instant = naive - zoneOffsetMinutes(instant, timeZone) * 60_000;
  return new Date(instant).toISOString();
}

/** The wall-clock date and time of an instant in `timeZone`. */
export function isoToZoned(iso: string, timeZone: string): { date: string; time: string } {
  const instant = Date.parse(iso);
  const local = new Date(instant + zoneOffsetMinutes(instant, timeZone) * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`,
  };
}
