import { describe, expect, it } from 'vitest';
import {
  canContinue,
  dbfs,
  estimateRoomDb,
  judgeDisplaySurface,
  judgeNoise,
  judgeSecondDisplay,
  judgeStorage,
  judgeUploadSpeed,
  kbitPerSecond,
  meterLevel,
  rms,
} from './system-check.rules';

describe('room noise is estimated from the microphone', () => {
  it('a full-scale square wave has RMS 1, silence 0', () => {
    expect(rms([1, -1, 1, -1])).toBe(1);
    expect(rms([0, 0, 0])).toBe(0);
    expect(rms([])).toBe(0);
  });

  it('RMS becomes dBFS, with silence at the floor rather than minus infinity', () => {
    expect(dbfs(1)).toBe(0);
    expect(dbfs(0.1)).toBeCloseTo(-20);
    expect(dbfs(0)).toBe(-100);
  });

  it('the estimate is the energy mean of the blocks, offset to a sound level', () => {
    expect(estimateRoomDb([-60, -60, -60])).toBe(34);
    // One loud second among quiet ones dominates, as an equivalent level should.
    expect(estimateRoomDb([-60, -60, -60, -60, -60, -60, -60, -60, -60, -20])).toBe(64);
    expect(estimateRoomDb([])).toBeNull();
    // Silence reads as the quietest a microphone can tell, not as 0 dB.
    expect(estimateRoomDb([-100, -100])).toBe(20);
  });

  it('at or under the exam limit passes; over it warns (an estimate never fails)', () => {
    expect(judgeNoise(50, 50)).toEqual({
      verdict: 'pass',
      code: 'quiet',
      params: { db: 50, limit: 50 },
    });
    expect(judgeNoise(51, 50).verdict).toBe('warn');
    expect(judgeNoise(90, 40).verdict).toBe('warn');
  });

  it('the meter runs from -60 dBFS (empty) to 0 dBFS (full)', () => {
    expect(meterLevel(-80)).toBe(0);
    expect(meterLevel(-30)).toBe(0.5);
    expect(meterLevel(3)).toBe(1);
  });
});

describe('only the entire screen counts as screen sharing', () => {
  it.each([
    ['monitor', 'pass'],
    ['window', 'fail'],
    ['browser', 'fail'],
    [undefined, 'fail'],
  ])('a %s share is a %s', (surface, verdict) => {
    expect(judgeDisplaySurface(surface).verdict).toBe(verdict);
  });
});

describe('a second display is judged by the exam’s policy', () => {
  it.each([
    [false, 'allow', 'pass', 'single'],
    [true, 'allow', 'pass', 'allowed'],
    [undefined, 'allow', 'pass', 'single'],
    [false, 'warn', 'pass', 'single'],
    [true, 'warn', 'warn', 'extended-warn'],
    [undefined, 'warn', 'warn', 'unknown'],
    [false, 'forbid', 'pass', 'single'],
    [true, 'forbid', 'fail', 'extended-forbid'],
    [undefined, 'forbid', 'warn', 'unknown'],
  ] as const)('extended=%s under "%s" is a %s (%s)', (extended, policy, verdict, code) => {
    expect(judgeSecondDisplay(extended, policy)).toEqual({ verdict, code });
  });
});

describe('upload speed', () => {
  it('256 KB in one second is 2048 kbit/s', () => {
    expect(kbitPerSecond(256 * 1024, 1000)).toBe(2097);
  });
  it('256 kbit/s and more passes, less fails, not measured warns', () => {
    expect(judgeUploadSpeed(256).verdict).toBe('pass');
    expect(judgeUploadSpeed(255)).toEqual({
      verdict: 'fail',
      code: 'slow',
      params: { kbps: 255 },
    });
    expect(judgeUploadSpeed(null)).toEqual({ verdict: 'warn', code: 'not-measured' });
  });
});

describe('storage on this device', () => {
  const MB = 1024 * 1024;
  it('persistent with room to spare passes', () => {
    expect(judgeStorage(true, { quota: 2000 * MB, usage: 10 * MB })).toEqual({
      verdict: 'pass',
      code: 'ok',
      params: { freeMb: 1990 },
    });
  });
  it('not persistent warns (the browser may clear it under pressure)', () => {
    expect(judgeStorage(false, { quota: 2000 * MB, usage: 0 }).code).toBe('not-persistent');
  });
  it('less than 100 MB free fails, even when persistent', () => {
    expect(judgeStorage(true, { quota: 150 * MB, usage: 60 * MB }).verdict).toBe('fail');
  });
  it('a browser without the storage API warns that it cannot tell', () => {
    expect(judgeStorage(undefined, undefined)).toEqual({ verdict: 'warn', code: 'unknown' });
  });
});

describe('going on after the check', () => {
  it('needs the camera, the microphone and the entire screen; other failures do not block', () => {
    expect(canContinue({ camera: 'pass', microphone: 'warn', screen: 'pass', speed: 'fail' })).toBe(
      true,
    );
    expect(canContinue({ camera: 'pass', microphone: 'pass', screen: 'fail' })).toBe(false);
    expect(canContinue({ camera: 'pass', microphone: 'pass' })).toBe(false);
  });

  it('a device the exam does not ask for does not block check-in', () => {
    const noScreen = { camera: true, microphone: true, screen: false };
    expect(canContinue({ camera: 'pass', microphone: 'pass' }, noScreen)).toBe(true);
    expect(canContinue({ camera: 'pass', microphone: 'fail' }, noScreen)).toBe(false);
    expect(canContinue({}, { camera: false, microphone: false, screen: false })).toBe(true);
  });
});
