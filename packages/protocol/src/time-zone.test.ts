import { describe, expect, it } from 'vitest';
import { isoToZoned, zoneOffsetMinutes, zonedToIso } from './time-zone.ts';

describe('times in the university’s zone', () => {
  it('reads a wall-clock time in Almaty as the instant five hours earlier in UTC', () => {
    expect(zonedToIso('2027-01-15', '09:00', 'Asia/Almaty')).toBe('2027-01-15T04:00:00.000Z');
    expect(zoneOffsetMinutes(Date.parse('2027-01-15T04:00:00Z'), 'Asia/Almaty')).toBe(300);
  });

  it('goes back from the instant to the same wall-clock time', () => {
    expect(isoToZoned('2027-01-15T04:00:00.000Z', 'Asia/Almaty')).toEqual({
      date: '2027-01-15',
      time: '09:00',
    });
    expect(isoToZoned('2027-01-14T20:30:00.000Z', 'Asia/Almaty')).toEqual({
      date: '2027-01-15',
      time: '01:30',
    });
  });

  it('follows summer time where a zone has it', () => {
    expect(zonedToIso('2027-07-01', '12:00', 'Europe/Berlin')).toBe('2027-07-01T10:00:00.000Z');
    expect(zonedToIso('2027-01-01', '12:00', 'Europe/Berlin')).toBe('2027-01-01T11:00:00.000Z');
  });

  it('refuses what is not a date and a time', () => {
    expect(zonedToIso('2027-02-31', '09:00', 'Asia/Almaty')).toBeNull();
    expect(zonedToIso('15.01.2027', '09:00', 'Asia/Almaty')).toBeNull();
    expect(zonedToIso('2027-01-15', '25:00', 'Asia/Almaty')).toBeNull();
  });
});
