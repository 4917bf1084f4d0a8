// The student's phone as a second camera (ADR 0023): the laptop asks for a pairing (a QR code
// and a typed code), the phone redeems it at `/pair/<token>` without logging in and then holds a
// credential for that one sitting: its video to the sitting's proctors, the `side` track, and
// its own signals. Nothing of the exam's content ever reaches the phone.
import { z } from 'zod';
import { Id } from './common.schema.ts';
import { SECOND_CAMERA_MODES } from './exam.schema.ts';
import { SECOND_CAMERA_STATES } from './signals.schema.ts';

/** The phone's credential cookie: HttpOnly, SameSite=Strict, for the phone's own endpoints. */
export const PHONE_COOKIE = 'emtihan_phone';

/** What the phone page last said about its camera (the `second-camera` signal's states). */
export const SecondCameraState = z.enum(SECOND_CAMERA_STATES);
export type SecondCameraState = z.infer<typeof SecondCameraState>;

/** A sitting's second camera, as its student and its proctors see it. */
export const SecondCameraStatus = z.object({
  mode: z.enum(SECOND_CAMERA_MODES),
  /** A phone holds a live credential for the sitting. */
  paired: z.boolean(),
  /** Null until the phone first reports. */
  state: SecondCameraState.nullable(),
  pairedAt: z.string().nullable(),
  /** The view was confirmed (by the student, or by the proctor approving identity). */
  viewConfirmed: z.boolean(),
  /** How many phones were replaced by a newer pairing in this sitting. */
  replaced: z.number().int().min(0),
  /** The phone's battery, when its browser tells (0..1). */
  battery: z.number().min(0).max(1).nullable(),
});
export type SecondCameraStatus = z.infer<typeof SecondCameraStatus>;

/** A fresh pairing for the laptop to show: the QR code holds `url`, the student may type `code`. */
export const PairingView = z.object({
  /** Path to open on the phone (`/pair/<token>`); the page makes it absolute. */
  path: z.string(),
  code: z.string(),
  expiresAt: z.string(),
  camera: SecondCameraStatus,
});
export type PairingView = z.infer<typeof PairingView>;

export const PairingToken = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, 'a pairing token');
export const PairingCode = z
  .string()
  .trim()
  .min(4)
  .max(16)
  .regex(/^[A-Za-z0-9 -]+$/, 'letters and digits');

/** The phone redeems a pairing by the QR code's token or by the typed code. */
export const RedeemPairingBody = z
  .strictObject({ token: PairingToken.optional(), code: PairingCode.optional() })
  .refine((b) => (b.token === undefined) !== (b.code === undefined), {
    message: 'send the token or the code, one of them',
  });
export type RedeemPairingBody = z.infer<typeof RedeemPairingBody>;

/** What the phone page knows: its sitting's id and whether it may still film. */
export const PhoneView = z.object({
  sessionId: Id,
  deviceId: Id,
  /** `ended`: the sitting is over; `replaced`: another phone took over. The page stops. */
  sitting: z.enum(['checking-in', 'running', 'ended', 'replaced']),
  /** The phone's own CSRF token, for its uploads. */
  csrfToken: z.string(),
  /** The exam requires the second camera (the page says so more firmly). */
  required: z.boolean(),
  /** The side track's next free number: a replacing phone goes on above its predecessor's. */
  nextSideSeq: z.number().int().min(0),
});
export type PhoneView = z.infer<typeof PhoneView>;

export const PhoneEvidenceParams = z.strictObject({
  seq: z.coerce.number().int().min(0).max(1_000_000),
});
