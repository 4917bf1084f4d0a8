// Live proctoring (ADR 0007): ICE servers for WebRTC, proctor ↔ student chat, assignments.
import { z } from 'zod';

/** One ICE server as RTCPeerConnection takes it; TURN entries carry time-limited credentials. */
export const IceServer = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export const IceServersResponse = z.object({
  iceServers: z.array(IceServer),
  /** When the TURN credentials stop working (ms since epoch); null without TURN. */
  expiresAt: z.number().nullable(),
});
export type IceServersResponse = z.infer<typeof IceServersResponse>;

/** A message between a student and their proctor during a sitting. */
export const ChatMessage = z.object({
  id: z.string(),
  sessionId: z.string(),
  authorId: z.string(),
  authorRole: z.enum(['student', 'proctor']),
  authorName: z.string(),
  body: z.string(),
  /** The student reports a technical failure (the proctor sees it marked). */
  technical: z.boolean(),
  createdAt: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;
export const ChatListResponse = z.object({ messages: z.array(ChatMessage) });
export const PostChatBody = z.strictObject({
  body: z.string().trim().min(1).max(2000),
  technical: z.boolean().optional(),
});

/** Which proctor watches each sitting of an exam (for the console). */
export const AssignmentEntry = z.object({
  sessionId: z.string(),
  proctorId: z.string(),
  proctorName: z.string(),
});
export const AssignmentsResponse = z.object({
  /** The caller: a proctor acts on their own students only; examiners read everything. */
  me: z.string(),
  role: z.enum(['proctor', 'examiner']),
  entries: z.array(AssignmentEntry),
});
export type AssignmentsResponse = z.infer<typeof AssignmentsResponse>;
