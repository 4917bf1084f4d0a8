import { describe, expect, it } from 'vitest';
import { clocksDiffer, isoToZoned, zonedToIso, zoneOffsetMs } from './zoned-time';
import { formatDateTimeIn, formatTimeIn } from './format';

describe('the university’s clock', () => {
  it.each([
    ['Asia/Almaty', '2026-01-15', '09:00', '2026-01-15T04:00:00.000Z'],
    ['Asia/Almaty', '2026-01-15', '03:30', '2026-01-14T22:30:00.000Z'],
    ['UTC', '2026-06-01', '00:00', '2026-06-01T00:00:00.000Z'],
    // Across daylight saving: Berlin is UTC+2 in summer, UTC+1 in winter.
    ['Europe/Berlin', '2026-07-01', '09:00', '2026-07-01T07:00:00.000Z'],
    ['Europe/Berlin', '2026-12-01', '09:00', '2026-12-01T08:00:00.000Z'],
  ])('reads %s %s %s as %s', (zone, date, time, iso) => {
    expect(zonedToIso(date, time, zone)).toBe(iso);
    expect(isoToZoned(iso, zone)).toEqual({ date, time });
  });

  it('refuses what is not a date or a time', () => {
    expect(zonedToIso('15.01.2026', '09:00', 'UTC')).toBe('');
    expect(zonedToIso('2026-01-15', '', 'UTC')).toBe('');
  });

  it('knows the zone’s offset and when two clocks differ', () => {
    const at = Date.parse('2026-01-15T04:00:00Z');
    expect(zoneOffsetMs(at, 'Asia/Almaty')).toBe(5 * 3600_000);
    expect(clocksDiffer('2026-01-15T04:00:00Z', 'UTC', 'Asia/Almaty')).toBe(true);
    expect(clocksDiffer('2026-01-15T04:00:00Z', 'Asia/Almaty', 'Asia/Qostanay')).toBe(false);
  });
});

describe('dates on the university’s clock', () => {
  it('writes Kazakh and English dates in the given zone, whatever the device’s zone', () => {
    const iso = '2025-11-26T04:05:00.000Z';
    expect(formatDateTimeIn(iso, 'kk', 'Asia/Almaty')).toBe('2025 ж. 26 қараша, сәрсенбі, 09:05');
    expect(formatDateTimeIn(iso, 'en', 'Asia/Almaty')).toMatch(/26 November 2025.*09:05/);
    expect(formatTimeIn(iso, 'kk', 'Asia/Almaty')).toBe('09:05');
    expect(formatTimeIn('2025-11-26T20:30:00.000Z', 'ru', 'Asia/Almaty')).toBe('01:30');
  });
});
