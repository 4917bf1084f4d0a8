import { z } from 'zod';

const HttpUrl = z
  .string()
  .trim()
  .max(2000)
  .regex(/^https?:\/\/\S+$/, 'an http(s) URL');
const LtiId = z.string().trim().min(1).max(255);

/** An LMS registered as an LTI 1.3 platform. */
export const LtiPlatformView = z.object({
  id: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  deploymentIds: z.array(z.string()),
  authUrl: z.string(),
  tokenUrl: z.string(),
  jwksUrl: z.string(),
});
export type LtiPlatformView = z.infer<typeof LtiPlatformView>;

/** What the LMS admin pastes into the LMS (Moodle's "External tool" form). */
export const LtiToolSettings = z.object({
  toolUrl: z.string(),
  loginUrl: z.string(),
  redirectUris: z.array(z.string()),
  jwksUrl: z.string(),
  deepLinkUrl: z.string(),
});
export type LtiToolSettings = z.infer<typeof LtiToolSettings>;

export const LtiPlatformListResponse = z.object({
  platforms: z.array(LtiPlatformView),
  tool: LtiToolSettings,
});
export type LtiPlatformListResponse = z.infer<typeof LtiPlatformListResponse>;

/** Registers a platform, or adds a deployment to one registered with the same issuer and client id. */
export const AddLtiPlatformBody = z.strictObject({
  issuer: HttpUrl,
  clientId: LtiId,
  deploymentId: LtiId,
  authUrl: HttpUrl,
  tokenUrl: HttpUrl,
  jwksUrl: HttpUrl,
});
export type AddLtiPlatformBody = z.infer<typeof AddLtiPlatformBody>;

export const LtiRosterSyncResponse = z.object({ members: z.number(), enrolled: z.number() });
export type LtiRosterSyncResponse = z.infer<typeof LtiRosterSyncResponse>;

/** One score sent (or being sent) to an LMS grade column: what the examiner sees. */
export const LtiGradeSendView = z.object({
  id: z.string(),
  userId: z.string(),
  lineItemUrl: z.string(),
  scoreGiven: z.number().nullable(),
  scoreMaximum: z.number().nullable(),
  comment: z.string().nullable(),
  status: z.enum(['pending', 'sent', 'superseded', 'failed']),
  attempts: z.number(),
  httpStatus: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LtiGradeSendView = z.infer<typeof LtiGradeSendView>;
export const LtiGradeSendListResponse = z.object({ sends: z.array(LtiGradeSendView) });
export type LtiGradeSendListResponse = z.infer<typeof LtiGradeSendListResponse>;
