// The student's phone as a second camera (ADR 0023). A sitting's page asks for a pairing; the
// phone redeems it once, within ten minutes, while the sitting is checking in or running, and
// then holds a credential for that sitting alone. A newer pairing replaces the older phone.
// Pure rules: the server keeps the rows, the clock and the tokens.
import type { EpochMs } from '../common/time.types.ts';
import { MINUTE_MS } from '../common/time.types.ts';
import type { WrittenStatus } from '../written/written-session.types.ts';

export type SecondCameraMode = 'off' | 'optional' | 'required';

/** How long a QR code or typed code may be redeemed. */
export const PAIRING_TTL_MS = 10 * MINUTE_MS;

/**
 * The typed code's letters: no 0/O, 1/I/L, so a student reading it off a laptop screen cannot
 * mistake one for another. Six of them: 31^6 ≈ 8.9·10^8 codes, against a rate-limited guesser.
 */
export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 6;

/** A typed code as the student typed it: case, spaces and dashes do not matter. */
export function normalizePairingCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/** A code from random bytes (one byte a letter; the small bias is irrelevant at this length). */
export function pairingCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < PAIRING_CODE_LENGTH) throw new Error('need more random bytes');
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++)
    code += PAIRING_CODE_ALPHABET[bytes[i]! % PAIRING_CODE_ALPHABET.length];
  return code;
}

/** The sittings a phone may join and keep filming: checking in, or running. */
const OPEN_STATUSES: readonly WrittenStatus[] = [
  'checking_in',
  'awaiting_approval',
  'rejected',
  'in_progress',
  'paused',
];

export const sittingTakesSecondCamera = (status: WrittenStatus): boolean =>
  OPEN_STATUSES.includes(status);

export interface PairingFacts {
  createdAt: EpochMs;
  usedAt: EpochMs | null;
  /** A newer pairing of the same sitting was asked for (the older QR code is void). */
  superseded: boolean;
}

export type PairingRefusal =
  'pairing-used' | 'pairing-expired' | 'sitting-closed' | 'second-camera-off';

/** Whether a phone may redeem this pairing now; null: it may. */
export function pairingRefusal(
  pairing: PairingFacts,
  sitting: { status: WrittenStatus; mode: SecondCameraMode },
  now: EpochMs,
): PairingRefusal | null {
  if (sitting.mode === 'off') return 'second-camera-off';
  if (pairing.usedAt !== null) return 'pairing-used';
  if (pairing.superseded || now - pairing.createdAt >= PAIRING_TTL_MS) return 'pairing-expired';
  if (!sittingTakesSecondCamera(sitting.status)) return 'sitting-closed';
  return null;
}

export interface SecondCameraFacts {
  /** A phone is paired now (not replaced). */
  paired: boolean;
  /** Someone confirmed the phone's view shows the desk, hands, keyboard and screen. */
  viewConfirmed: boolean;
}

export type SecondCameraGateRefusal = 'second-camera-missing' | 'second-camera-unconfirmed';

/**
 * Whether work may start. Under a required second camera the phone must be paired before
 * check-in ends; its view is confirmed by the student at check-in when no proctor watches, and
 * by the proctor when approving identity under live proctoring.
 */
export function secondCameraGate(
  mode: SecondCameraMode,
  step: 'complete-check-in' | 'approve-identity',
  liveProctoring: boolean,
  camera: SecondCameraFacts,
): SecondCameraGateRefusal | null {
  if (mode !== 'required') return null;
  if (!camera.paired) return 'second-camera-missing';
  const confirmsNow = liveProctoring ? step === 'approve-identity' : step === 'complete-check-in';
  if (confirmsNow && !camera.viewConfirmed) return 'second-camera-unconfirmed';
  return null;
}
