import { describe, expect, it } from 'vitest';
import {
  isoToZoned,
  nextDayAt,
  zoneDiffers,
  zoneLabel,
  zonedToIso,
  zoneOffsetMs,
} from './zoned-time';

describe('times in the university zone', () => {
  it.each([
    ['2026-12-10', '10:00', 'Asia/Almaty', '2026-12-10T05:00:00.000Z'],
    ['2026-12-10', '00:30', 'Asia/Almaty', '2026-12-09T19:30:00.000Z'],
    ['2026-12-10', '10:00', 'UTC', '2026-12-10T10:00:00.000Z'],
    ['2026-07-01', '10:00', 'Europe/Berlin', '2026-07-01T08:00:00.000Z'],
    ['2026-01-15', '10:00', 'Europe/Berlin', '2026-01-15T09:00:00.000Z'],
    ['2026-01-15', '10:00', 'America/New_York', '2026-01-15T15:00:00.000Z'],
    ['2026-12-10', '10:00', 'Asia/Kolkata', '2026-12-10T04:30:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, iso) => {
    expect(zonedToIso(date, time, zone)).toBe(iso);
    expect(isoToZoned(iso, zone)).toEqual({ date, time });
  });

  it('a wall time on a clock-change day is the instant that shows it', () => {
    // Berlin: 2026-03-29 02:00 → 03:00; 2026-10-25 03:00 → 02:00.
    expect(zonedToIso('2026-03-29', '01:30', 'Europe/Berlin')).toBe('2026-03-29T00:30:00.000Z');
    expect(zonedToIso('2026-03-29', '03:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedToIso('2026-10-25', '04:00', 'Europe/Berlin')).toBe('2026-10-25T03:00:00.000Z');
  });

  it.each([
    ['', '10:00'],
    ['2026-12-10', ''],
    ['2026-02-30', '10:00'],
    ['2026-12-10', '24:00'],
    ['10.12.2026', '10:00'],
  ])('a missing or impossible date or time (%s %s) gives no instant', (date, time) => {
    expect(zonedToIso(date, time, 'Asia/Almaty')).toBe('');
  });

  it('an unknown zone gives no instant, an unreadable instant no wall time', () => {
    expect(zonedToIso('2026-12-10', '10:00', 'Mars/Olympus')).toBe('');
    expect(isoToZoned('not a time', 'Asia/Almaty')).toEqual({ date: '', time: '' });
  });

  it('names the zone with its offset, and says when the device shows another clock', () => {
    const ms = Date.parse('2026-12-10T05:00:00Z');
    expect(zoneOffsetMs(ms, 'Asia/Almaty')).toBe(5 * 3600_000);
    expect(zoneLabel('Asia/Almaty', ms)).toBe('Asia/Almaty (UTC+05:00)');
    expect(zoneLabel('America/New_York', ms)).toBe('America/New_York (UTC−05:00)');
    expect(zoneDiffers('Asia/Almaty', ms, 'Asia/Almaty')).toBe(false);
    expect(zoneDiffers('Asia/Almaty', ms, 'Europe/Moscow')).toBe(true);
    // Another name with the same clock is not another time.
    expect(zoneDiffers('Asia/Almaty', ms, 'Asia/Qostanay')).toBe(false);
  });

  it('the next day is counted on the zone’s calendar', () => {
    // 20:00 UTC on 10 December is already 11 December in Almaty.
    expect(nextDayAt(Date.parse('2026-12-10T20:00:00Z'), 'Asia/Almaty', '10:00')).toEqual({
      date: '2026-12-12',
      time: '10:00',
    });
    expect(nextDayAt(Date.parse('2026-12-31T10:00:00Z'), 'UTC', '09:00')).toEqual({
      date: '2027-01-01',
      time: '09:00',
    });
  });
});
