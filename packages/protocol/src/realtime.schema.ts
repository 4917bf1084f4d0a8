import { z } from 'zod';
import { PROTOCOL_VERSION } from './common.schema.ts';
import { FlagMessage, SignalBatchMessage } from './signals.schema.ts';

/** First message from the server on every socket: the client reloads on a version mismatch. */
export const HelloMessage = z.object({
  type: z.literal('hello'),
  protocolVersion: z.literal(PROTOCOL_VERSION),
  userId: z.string(),
});

/** Server → client: the caller's sessions were revoked (logout elsewhere, admin action). */
export const SessionRevokedMessage = z.object({ type: z.literal('session-revoked') });

/** Server → client: a session the client watches changed; refetch it (GET /api/sessions/:id). */
export const SessionChangedMessage = z.object({
  type: z.literal('session-changed'),
  sessionId: z.string(),
  status: z.string(),
  version: z.number(),
});

/** Server → client: a message for a person, as a translation key with parameters. */
export const NoticeMessage = z.object({
  type: z.literal('notice'),
  sessionId: z.string(),
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const ServerMessage = z.discriminatedUnion('type', [
  HelloMessage,
  SessionRevokedMessage,
  SessionChangedMessage,
  NoticeMessage,
  FlagMessage,
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Client → server messages; every handler validates against this union first. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ping'), at: z.number() }),
  /** Join the session's room: its owner and its course's staff may. */
  z.strictObject({ type: z.literal('watch-session'), sessionId: z.string().min(1).max(64) }),
  /** Join the exam's staff room: every session change of the exam (its proctors and examiners). */
  z.strictObject({ type: z.literal('watch-exam'), examId: z.string().min(1).max(64) }),
  /** The student's signals of a live sitting (ADR 0006); acknowledged once stored. */
  SignalBatchMessage,
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** Typed rejection of a client message. */
export const RejectReason = z.enum([
  'invalid-message',
  'forbidden',
  'unauthenticated',
  /** The sitting is not in progress (signals are taken only while it is live). */
  'not-live',
  /** The server could not store it now; send again. */
  'unavailable',
]);
export type RejectReason = z.infer<typeof RejectReason>;

/** The acknowledgement of every client message. */
export type ClientAck =
  | { ok: true; seq?: number; duplicate?: boolean }
  | { ok: false; reason: RejectReason; message: string };

export const SOCKET_EVENT = 'msg';
