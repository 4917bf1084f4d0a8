import { INTL_LOCALE, type Language } from '../i18n/languages';

const DATE_TIME: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};

/** "Wednesday, 26 November 2025, 09:00" in the page's language, in the device's time zone. */
export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[language], DATE_TIME).format(new Date(iso));
}

/** A window such as "Wednesday, 26 November 2025, 09:00 – 17:00"; the day is written once. */
export function formatRange(fromIso: string, toIso: string, language: Language): string {
  const format = new Intl.DateTimeFormat(INTL_LOCALE[language], DATE_TIME);
  return format.formatRange(new Date(fromIso), new Date(toIso));
}

/** Only the time of day, for oral slots listed under their date. */
export function formatTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[language], {
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}
