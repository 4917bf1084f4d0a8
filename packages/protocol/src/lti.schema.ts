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
  examId: z.string(),
  userId: z.string(),
  sessionId: z.string().nullable(),
  lineItemUrl: z.string(),
  scoreGiven: z.number().nullable(),
  scoreMaximum: z.number().nullable(),
  comment: z.string().nullable(),
  status: z.enum(['pending', 'sent', 'superseded', 'failed']),
  attempts: z.number(),
  httpStatus: z.number().nullable(),
  /** Why the last attempt did not succeed, with the LMS's answer. */
  error: z.string().nullable(),
  /** While pending: when the next attempt is due. */
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LtiGradeSendView = z.infer<typeof LtiGradeSendView>;
export const LtiGradeSendListResponse = z.object({ sends: z.array(LtiGradeSendView) });
export type LtiGradeSendListResponse = z.infer<typeof LtiGradeSendListResponse>;

/** One of the tool's signing keys: the active one signs; a rotated-out one is published until `retireAt`. */
export const LtiToolKeyView = z.object({
  kid: z.string(),
  createdAt: z.string(),
  retireAt: z.string().nullable(),
  active: z.boolean(),
  /** Stored encrypted (AES-256-GCM); false only for a row written before encryption. */
  encrypted: z.boolean(),
});
export type LtiToolKeyView = z.infer<typeof LtiToolKeyView>;
export const LtiToolKeyListResponse = z.object({ keys: z.array(LtiToolKeyView) });
export type LtiToolKeyListResponse = z.infer<typeof LtiToolKeyListResponse>;
export const RotateLtiKeyBody = z.strictObject({
  /** How long the old key stays published. */
  overlapDays: z.number().int().min(0).max(90).default(7),
});
export type RotateLtiKeyBody = z.infer<typeof RotateLtiKeyBody>;

/** A course that an LMS context maps to, with whether its roster can be synced. */
export const LtiLinkedCourseView = z.object({
  courseId: z.string(),
  courseTitle: z.string(),
  issuer: z.string(),
  contextId: z.string(),
  rosterService: z.boolean(),
});
export type LtiLinkedCourseView = z.infer<typeof LtiLinkedCourseView>;
export const LtiLinkedCourseListResponse = z.object({ courses: z.array(LtiLinkedCourseView) });
export type LtiLinkedCourseListResponse = z.infer<typeof LtiLinkedCourseListResponse>;
