import { describe, expect, it } from 'vitest';
import { formatDateTime, formatRange } from './format';

const at = '2025-11-26T04:00:00.000Z';

describe('dates in the page language', () => {
  it('writes the month in Kazakh, Russian and English', () => {
    expect(formatDateTime(at, 'kk')).toMatch(/қараша/i);
    expect(formatDateTime(at, 'ru')).toMatch(/ноября/i);
    expect(formatDateTime(at, 'en')).toMatch(/November/);
  });

  it('writes the day of a window once when it opens and closes on the same day', () => {
    const range = formatRange(at, '2025-11-26T05:00:00.000Z', 'en');
    expect(range.match(/November/g)).toHaveLength(1);
  });
});
