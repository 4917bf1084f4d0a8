// Pass / warn / fail decisions of the system check, as data in and data out (tested without a
// browser). The screens measure; these decide.
import type { CheckOutcome } from './check.types';

// ---- Room noise ---------------------------------------------------------------------------

/**
 * A microphone gives sound relative to its full scale (dBFS), not sound pressure: without a
 * calibrated microphone the room level can only be estimated. We take a full-scale sine as
 * 94 dB SPL (the usual calibrator level), which puts a quiet room's hiss near 30–40 dB.
 */
export const FULL_SCALE_DB = 94;
/** Quieter than this is the microphone's own floor. */
const FLOOR_DBFS = -100;
/** Below this a laptop microphone cannot tell rooms apart: estimates stop here. */
export const QUIETEST_DB = 20;

/** Root mean square of one block of samples in [-1, 1]. */
export function rms(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] as number;
    sum += s * s;
  }
  return Math.sqrt(sum / samples.length);
}

export function dbfs(rmsValue: number): number {
  if (!(rmsValue > 0)) return FLOOR_DBFS;
  return Math.max(FLOOR_DBFS, 20 * Math.log10(rmsValue));
}

/** The equivalent level (energy mean) of blocks measured in dBFS, as an estimated dB. */
export function estimateRoomDb(blocksDbfs: readonly number[]): number | null {
  if (blocksDbfs.length === 0) return null;
  const energy = blocksDbfs.reduce((sum, db) => sum + 10 ** (db / 10), 0) / blocksDbfs.length;
  return Math.round(Math.max(QUIETEST_DB, 10 * Math.log10(energy) + FULL_SCALE_DB));
}

/** A 0..1 level for a meter: -60 dBFS and below is empty, 0 dBFS is full. */
export function meterLevel(dbfsValue: number): number {
  return Math.min(1, Math.max(0, (dbfsValue + 60) / 60));
}

export type NoiseCode = 'quiet' | 'loud';
/** Never a fail: it is an estimate; a loud room is a warning to find a quieter one. */
export function judgeNoise(estimatedDb: number, limitDb: number): CheckOutcome<NoiseCode> {
  const params = { db: estimatedDb, limit: limitDb };
  return estimatedDb <= limitDb
    ? { verdict: 'pass', code: 'quiet', params }
    : { verdict: 'warn', code: 'loud', params };
}

// ---- Screen sharing -------------------------------------------------------------------------

export type ScreenCode = 'entire' | 'not-entire' | 'denied' | 'unsupported';
/** The seed's step 6, "Share entire screen": a window or a browser tab is refused. */
export function judgeDisplaySurface(surface: string | undefined): CheckOutcome<ScreenCode> {
  return surface === 'monitor'
    ? { verdict: 'pass', code: 'entire' }
    : { verdict: 'fail', code: 'not-entire' };
}

// ---- Second display -----------------------------------------------------------------------

export type SecondDisplayPolicy = 'allow' | 'warn' | 'forbid';
export type DisplayCode = 'single' | 'allowed' | 'extended-warn' | 'extended-forbid' | 'unknown';

/** `isExtended` is undefined where the browser cannot tell (Firefox, Safari). */
export function judgeSecondDisplay(
  isExtended: boolean | undefined,
  policy: SecondDisplayPolicy,
): CheckOutcome<DisplayCode> {
  if (policy === 'allow') return { verdict: 'pass', code: isExtended ? 'allowed' : 'single' };
  if (isExtended === undefined) return { verdict: 'warn', code: 'unknown' };
  if (!isExtended) return { verdict: 'pass', code: 'single' };
  return policy === 'forbid'
    ? { verdict: 'fail', code: 'extended-forbid' }
    : { verdict: 'warn', code: 'extended-warn' };
}

// ---- Upload speed ---------------------------------------------------------------------------

/** Below this the camera and screen cannot reach the proctor (issue 4: at least 256 kbit/s). */
export const MIN_UPLOAD_KBPS = 256;

export function kbitPerSecond(bytes: number, ms: number): number {
  return ms <= 0 ? Number.POSITIVE_INFINITY : Math.round((bytes * 8) / ms);
}

export type SpeedCode = 'fast' | 'slow' | 'not-measured';
export function judgeUploadSpeed(kbps: number | null): CheckOutcome<SpeedCode> {
  if (kbps === null) return { verdict: 'warn', code: 'not-measured' };
  const params = { kbps: Number.isFinite(kbps) ? kbps : 99999 };
  return kbps >= MIN_UPLOAD_KBPS
    ? { verdict: 'pass', code: 'fast', params }
    : { verdict: 'fail', code: 'slow', params };
}

// ---- Storage on this device -----------------------------------------------------------------

const MB = 1024 * 1024;
/** Room for the answer outbox and an offline stretch of attachments. */
export const MIN_FREE_BYTES = 100 * MB;

export type StorageCode = 'ok' | 'not-persistent' | 'low' | 'unknown';
export function judgeStorage(
  persisted: boolean | undefined,
  estimate: { quota?: number; usage?: number } | undefined,
): CheckOutcome<StorageCode> {
  if (persisted === undefined || estimate?.quota === undefined)
    return { verdict: 'warn', code: 'unknown' };
  const free = estimate.quota - (estimate.usage ?? 0);
  const params = { freeMb: Math.floor(free / MB) };
  if (free < MIN_FREE_BYTES) return { verdict: 'fail', code: 'low', params };
  if (!persisted) return { verdict: 'warn', code: 'not-persistent', params };
  return { verdict: 'pass', code: 'ok', params };
}

// ---- The whole check ------------------------------------------------------------------------

/** Items without which the exam cannot be proctored: they must pass before check-in. */
export const BLOCKING_ITEMS = ['camera', 'microphone', 'screen'] as const;

export function canContinue(
  verdicts: Partial<Record<string, CheckOutcome['verdict'] | undefined>>,
  /** The devices the exam asks for (`settings.media`); one it does not ask for does not block. */
  needed: Record<(typeof BLOCKING_ITEMS)[number], boolean> = {
    camera: true,
    microphone: true,
    screen: true,
  },
): boolean {
  return BLOCKING_ITEMS.every(
    (item) => !needed[item] || verdicts[item] === 'pass' || verdicts[item] === 'warn',
  );
}
