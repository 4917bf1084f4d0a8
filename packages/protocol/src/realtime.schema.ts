import { z } from 'zod';
import { PROTOCOL_VERSION } from './common.schema.ts';

/** First message from the server on every socket: the client reloads on a version mismatch. */
export const HelloMessage = z.object({
  type: z.literal('hello'),
  protocolVersion: z.literal(PROTOCOL_VERSION),
  userId: z.string(),
});

/** Server → client: the caller's sessions were revoked (logout elsewhere, admin action). */
export const SessionRevokedMessage = z.object({ type: z.literal('session-revoked') });

export const ServerMessage = z.discriminatedUnion('type', [HelloMessage, SessionRevokedMessage]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Client → server messages; every handler validates against this union first. */
export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ping'), at: z.number() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** Typed rejection of a client message. */
export const RejectReason = z.enum(['invalid-message', 'forbidden', 'unauthenticated']);
export type RejectReason = z.infer<typeof RejectReason>;

export const SOCKET_EVENT = 'msg';
