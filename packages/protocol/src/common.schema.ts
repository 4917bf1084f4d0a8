import { z } from 'zod';

/** Bumped whenever a REST body or realtime message changes incompatibly. */
export const PROTOCOL_VERSION = 1;

export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/**
 * `accommodations`: the duty of keeping students' accommodations (a disability office), granted
 * by an admin beside or instead of another role (ADR 0018).
 */
export const ROLES = ['student', 'proctor', 'examiner', 'admin', 'accommodations'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const Id = z.string().min(1).max(64);

/** Stable error ids: the web translates them (`errors.<code>`), clients branch on them. */
export const ERROR_CODES = [
  'bad-request',
  'unauthenticated',
  'forbidden',
  'not-found',
  'conflict',
  'csrf',
  'rate-limited',
  'invalid-credentials',
  'refused',
  'payload-too-large',
  'unsupported-media-type',
  'internal',
  'insufficient-storage',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorIssue = z.object({ path: z.string(), message: z.string() });
export type ErrorIssue = z.infer<typeof ErrorIssue>;

/** Every non-2xx response body. No stack traces, ever. */
export const ErrorBody = z.object({
  error: ErrorCode,
  message: z.string(),
  issues: z.array(ErrorIssue).optional(),
  /** For `refused`: the domain's typed reason (`deadline-passed`, `not-allowed-in-state`, …). */
  reason: z.string().optional(),
  /** For `rate-limited`: the limit that was reached (ADR 0022). */
  limit: z
    .object({
      /** Requests allowed per window. */
      max: z.number().int().positive(),
      windowSeconds: z.number().positive(),
      /** Counted for the account (or login name) or for the client's address. */
      per: z.enum(['account', 'address']),
    })
    .optional(),
  /** For `rate-limited`: when to try again (also in the `Retry-After` header, in seconds). */
  retryAfterMs: z.number().int().nonnegative().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Header that carries the session's CSRF token on every cookie-authenticated change. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * A person's full name exactly as on the ID document: letters of Kazakh, Russian and Latin
 * alphabets (Ә Ғ Қ Ң Ө Ұ Ү Һ І kept), spaces, hyphens and apostrophes.
 */
export const FullName = z
  .string()
  .trim()
  .min(2)
  .max(200)
  .regex(/^[\p{L}][\p{L}\p{M} .'’-]*$/u, 'letters, spaces, hyphens and apostrophes only');

export const Login = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-zA-Z0-9._@-]+$/, 'latin letters, digits, dot, underscore, @ and hyphen only');

export const Password = z.string().min(4).max(200);
