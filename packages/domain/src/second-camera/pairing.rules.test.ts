import { describe, expect, it } from 'vitest';
import {
  PAIRING_CODE_ALPHABET,
  PAIRING_TTL_MS,
  normalizePairingCode,
  pairingCodeFrom,
  pairingRefusal,
  secondCameraGate,
} from './pairing.rules.ts';

const fresh = { createdAt: 1_000, usedAt: null, superseded: false };
const running = { status: 'in_progress' as const, mode: 'optional' as const };

describe('pairing a phone', () => {
  it('accepts a fresh pairing of a sitting that is checking in or running', () => {
    expect(pairingRefusal(fresh, running, 2_000)).toBeNull();
    expect(pairingRefusal(fresh, { ...running, status: 'checking_in' }, 2_000)).toBeNull();
  });

  it('refuses a used, expired, replaced pairing, and one of a closed sitting', () => {
    expect(pairingRefusal({ ...fresh, usedAt: 1_500 }, running, 2_000)).toBe('pairing-used');
    expect(pairingRefusal(fresh, running, 1_000 + PAIRING_TTL_MS)).toBe('pairing-expired');
    expect(pairingRefusal({ ...fresh, superseded: true }, running, 2_000)).toBe('pairing-expired');
    for (const status of ['scheduled', 'submitted', 'terminated', 'timed_out'] as const)
      expect(pairingRefusal(fresh, { ...running, status }, 2_000)).toBe('sitting-closed');
    expect(pairingRefusal(fresh, { ...running, mode: 'off' }, 2_000)).toBe('second-camera-off');
  });

  it('makes codes of unambiguous letters and reads them however they were typed', () => {
    const code = pairingCodeFrom(new Uint8Array([0, 1, 2, 30, 31, 255]));
    expect(code).toHaveLength(6);
    expect([...code].every((c) => PAIRING_CODE_ALPHABET.includes(c))).toBe(true);
    expect(normalizePairingCode(' abc-d e2 ')).toBe('ABCDE2');
  });
});

describe('the second-camera gate before work starts', () => {
  const none = { paired: false, viewConfirmed: false };
  const paired = { paired: true, viewConfirmed: false };
  const confirmed = { paired: true, viewConfirmed: true };

  it('asks nothing when the phone is optional or off', () => {
    expect(secondCameraGate('optional', 'complete-check-in', false, none)).toBeNull();
    expect(secondCameraGate('off', 'approve-identity', true, none)).toBeNull();
  });

  it('needs a paired phone before check-in ends, and the student confirms its view without a proctor', () => {
    expect(secondCameraGate('required', 'complete-check-in', false, none)).toBe(
      'second-camera-missing',
    );
    expect(secondCameraGate('required', 'complete-check-in', false, paired)).toBe(
      'second-camera-unconfirmed',
    );
    expect(secondCameraGate('required', 'complete-check-in', false, confirmed)).toBeNull();
  });

  it('under live proctoring the proctor confirms the view when approving identity', () => {
    expect(secondCameraGate('required', 'complete-check-in', true, paired)).toBeNull();
    expect(secondCameraGate('required', 'approve-identity', true, paired)).toBe(
      'second-camera-unconfirmed',
    );
    expect(secondCameraGate('required', 'approve-identity', true, confirmed)).toBeNull();
    expect(secondCameraGate('required', 'approve-identity', true, none)).toBe(
      'second-camera-missing',
    );
  });
});
