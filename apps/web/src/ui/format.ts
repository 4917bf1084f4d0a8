import { INTL_LOCALE, type Language } from '../i18n/languages';

const DATE_TIME: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};

/*
 * Kazakh dates are written by hand: some browser builds (Debian's Chromium among them) claim
 * `kk` but lack its data and print "2025 M11 26, Wed". These are CLDR's Kazakh names and
 * CLDR's pattern "y 'ж'. d MMMM, EEEE, HH:mm": locale data, not interface text.
 */
const KK_MONTHS = [
  'қаңтар',
  'ақпан',
  'наурыз',
  'сәуір',
  'мамыр',
  'маусым',
  'шілде',
  'тамыз',
  'қыркүйек',
  'қазан',
  'қараша',
  'желтоқсан',
];
const KK_WEEKDAYS = ['жексенбі', 'дүйсенбі', 'сейсенбі', 'сәрсенбі', 'бейсенбі', 'жұма', 'сенбі'];

const two = (n: number) => String(n).padStart(2, '0');

function kkDate(d: Date): string {
  return `${d.getFullYear()} ж. ${d.getDate()} ${KK_MONTHS[d.getMonth()]}, ${KK_WEEKDAYS[d.getDay()]}`;
}

function kkTime(d: Date): string {
  return `${two(d.getHours())}:${two(d.getMinutes())}`;
}

function sameDay(a: Date, b: Date): boolean {
  return (
    a.getFullYear() === b.getFullYear() &&
    a.getMonth() === b.getMonth() &&
    a.getDate() === b.getDate()
  );
}

/** "Wednesday, 26 November 2025, 09:00" in the page's language, in the device's time zone. */
export function formatDateTime(iso: string, language: Language): string {
  const d = new Date(iso);
  if (language === 'kk') return `${kkDate(d)}, ${kkTime(d)}`;
  return new Intl.DateTimeFormat(INTL_LOCALE[language], DATE_TIME).format(d);
}

/** A window such as "Wednesday, 26 November 2025, 09:00 – 17:00"; the day is written once. */
export function formatRange(fromIso: string, toIso: string, language: Language): string {
  const from = new Date(fromIso);
  const to = new Date(toIso);
  if (language === 'kk') {
    return sameDay(from, to)
      ? `${kkDate(from)}, ${kkTime(from)}–${kkTime(to)}`
      : `${kkDate(from)}, ${kkTime(from)} – ${kkDate(to)}, ${kkTime(to)}`;
  }
  return new Intl.DateTimeFormat(INTL_LOCALE[language], DATE_TIME).formatRange(from, to);
}

/** Only the time of day, for the end of an oral slot. */
export function formatTime(iso: string, language: Language): string {
  const d = new Date(iso);
  if (language === 'kk') return kkTime(d);
  return new Intl.DateTimeFormat(INTL_LOCALE[language], {
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}

/**
 * Like `formatDateTime`, on another zone's clock (the university's): Kazakh by hand as above,
 * from the zone's wall-clock parts.
 */
export function formatDateTimeIn(iso: string, language: Language, timeZone: string): string {
  const d = new Date(iso);
  if (language !== 'kk') {
    return new Intl.DateTimeFormat(INTL_LOCALE[language], { ...DATE_TIME, timeZone }).format(d);
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(d);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  // The weekday of the zone's date: that date at noon UTC has the same weekday.
  const weekday = new Date(Date.UTC(get('year'), get('month') - 1, get('day'), 12)).getUTCDay();
  return `${get('year')} ж. ${get('day')} ${KK_MONTHS[get('month') - 1]}, ${KK_WEEKDAYS[weekday]}, ${two(get('hour') % 24)}:${two(get('minute'))}`;
}

/** Only the time of day, on another zone's clock. */
export function formatTimeIn(iso: string, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(language === 'kk' ? 'en-GB' : INTL_LOCALE[language], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(iso));
}

/** A calendar day (`YYYY-MM-DD`) as "26 November 2025" in the page's language, zone-free. */
export function formatDay(day: string, language: Language): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  if (!y || !m || !d) return day;
  if (language === 'kk') return `${y} ж. ${d} ${KK_MONTHS[m - 1]}`;
  return new Intl.DateTimeFormat(INTL_LOCALE[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}
