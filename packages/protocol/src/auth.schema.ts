import { z } from 'zod';
import { Id, Language, Login, Role } from './common.schema.ts';

export const LoginBody = z.strictObject({
  login: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const UserView = z.object({
  id: Id,
  login: Login,
  fullName: z.string(),
  email: z.string().nullable(),
  group: z.string().nullable(),
  language: Language,
  roles: z.array(Role),
  active: z.boolean(),
});
export type UserView = z.infer<typeof UserView>;

/** GET /api/me and POST /api/auth/login. */
export const MeResponse = z.object({ user: UserView, csrfToken: z.string() });
export type MeResponse = z.infer<typeof MeResponse>;

/**
 * GET /api/whoami: who this browser is, asked on every first visit. Anyone may ask, so a
 * logged-out visitor gets an answer (`user: null`) rather than a 401 logged as a failure.
 */
export const WhoAmIResponse = z.union([
  MeResponse,
  z.object({ user: z.null(), csrfToken: z.null() }),
]);
export type WhoAmIResponse = z.infer<typeof WhoAmIResponse>;

/** PATCH /api/me: what a user may change about themselves. */
export const UpdateMeBody = z.strictObject({ language: Language });
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

export const DemoAccount = z.object({
  login: z.string(),
  password: z.string(),
  roles: z.array(Role),
});
export type DemoAccount = z.infer<typeof DemoAccount>;

/** GET /api/public-config: what every page may show before login. */
export const PublicConfig = z.object({
  protocolVersion: z.number(),
  universityName: z.string(),
  support: z.object({ phone: z.string(), email: z.string() }),
  demo: z.boolean(),
  demoAccounts: z.array(DemoAccount),
  defaultLanguage: Language,
  /** The university's time zone (IANA): exam times are set in it and named where they differ. */
  timeZone: z.string(),
});
export type PublicConfig = z.infer<typeof PublicConfig>;
