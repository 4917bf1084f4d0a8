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

// Oral exams (ADR 0012): their own socket event, so the slot's messages stay in one place.
export const ORAL_SOCKET_EVENT = 'oral';
const SlotId = z.string().min(1).max(64);
const PeerId = z.string().min(1).max(64);

/** One WebRTC negotiation message, relayed as it is between two admitted participants. */
export const OralSignal = z.union([
  z.strictObject({
    description: z.strictObject({
      type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
      sdp: z.string().max(200_000).optional(),
    }),
  }),
  z.strictObject({
    candidate: z.strictObject({
      candidate: z.string().max(2000),
      sdpMid: z.string().max(64).nullable().optional(),
      sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
      usernameFragment: z.string().max(256).nullable().optional(),
    }),
  }),
]);
export type OralSignal = z.infer<typeof OralSignal>;

export const OralMediaState = z.strictObject({
  muted: z.boolean(),
  cameraOff: z.boolean(),
  speaking: z.boolean(),
  screen: z.boolean(),
});
export type OralMediaState = z.infer<typeof OralMediaState>;

export const OralClientMessage = z.discriminatedUnion('type', [
  /** Follow the slot's queue (its examiners and students). */
  z.strictObject({ type: z.literal('oral-watch'), slotId: SlotId }),
  /** Enter the slot's media room: its commission, and the student called in. */
  z.strictObject({ type: z.literal('oral-enter'), slotId: SlotId }),
  z.strictObject({ type: z.literal('oral-leave'), slotId: SlotId }),
  z.strictObject({
    type: z.literal('oral-signal'),
    slotId: SlotId,
    to: PeerId,
    signal: OralSignal,
  }),
  z.strictObject({ type: z.literal('oral-media'), slotId: SlotId, state: OralMediaState }),
  /** An examiner asks the student in the room to share the screen. */
  z.strictObject({ type: z.literal('oral-request-screen'), slotId: SlotId }),
]);
export type OralClientMessage = z.infer<typeof OralClientMessage>;

export const OralPeer = z.object({
  userId: PeerId,
  role: z.enum(['examiner', 'student']),
  fullName: z.string(),
});
export type OralPeer = z.infer<typeof OralPeer>;

export const OralServerMessage = z.discriminatedUnion('type', [
  /** The slot changed (queue, a turn, a ticket, a grade): refetch the room view. */
  z.object({ type: z.literal('oral-changed'), slotId: SlotId }),
  z.object({ type: z.literal('oral-peer-joined'), slotId: SlotId, peer: OralPeer }),
  z.object({ type: z.literal('oral-peer-left'), slotId: SlotId, userId: PeerId }),
  z.object({ type: z.literal('oral-signal'), slotId: SlotId, from: PeerId, signal: OralSignal }),
  z.object({
    type: z.literal('oral-media'),
    slotId: SlotId,
    userId: PeerId,
    state: OralMediaState,
  }),
  z.object({ type: z.literal('oral-request-screen'), slotId: SlotId, from: PeerId }),
]);
export type OralServerMessage = z.infer<typeof OralServerMessage>;

export const OralRefusal = z.enum([
  'invalid-message',
  'forbidden',
  'not-admitted',
  'already-connected',
  'not-in-room',
]);
export type OralAck =
  | { ok: true; peers?: OralPeer[] }
  | { ok: false; reason: z.infer<typeof OralRefusal>; message: string };
