import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, formatRange, formatTime } from './format';

/** A local time, so the expectations hold in any time zone the tests run in. */
const local = (y: number, m: number, d: number, h: number, min: number) =>
  new Date(y, m - 1, d, h, min).toISOString();

describe('dates in the page language', () => {
  it('writes a Kazakh date as CLDR does, whatever the browser knows of Kazakh', () => {
    expect(formatDateTime(local(2025, 11, 26, 9, 5), 'kk')).toBe(
      '2025 ж. 26 қараша, сәрсенбі, 09:05',
    );
  });

  it('writes the month in Russian and English through Intl', () => {
    expect(formatDateTime(local(2025, 11, 26, 9, 5), 'ru')).toMatch(/26 ноября 2025/);
    expect(formatDateTime(local(2025, 11, 26, 9, 5), 'en')).toMatch(/26 November 2025/);
  });

  it.each(['kk', 'ru', 'en'] as const)(
    'in %s writes the day of a window once when it opens and closes on the same day',
    (language) => {
      const range = formatRange(local(2025, 11, 26, 9, 0), local(2025, 11, 26, 10, 30), language);
      expect(range.match(/2025/g)).toHaveLength(1);
      expect(range).toContain(formatTime(local(2025, 11, 26, 10, 30), language));
    },
  );

  it('writes both days of a Kazakh window that crosses midnight', () => {
    expect(formatRange(local(2025, 11, 26, 23, 0), local(2025, 11, 27, 1, 0), 'kk')).toBe(
      '2025 ж. 26 қараша, сәрсенбі, 23:00 – 2025 ж. 27 қараша, бейсенбі, 01:00',
    );
  });
});

describe('a calendar day', () => {
  it('is the same day in every language and time zone', () => {
    expect(formatDay('2026-06-30', 'kk')).toBe('2026 ж. 30 маусым');
    expect(formatDay('2026-06-30', 'ru')).toMatch(/30 июня 2026/);
    expect(formatDay('2026-06-30', 'en')).toBe('30 June 2026');
  });
});
