import { z } from 'zod';
import { SecondCameraStatus } from './second-camera.schema.ts';
import { PROTOCOL_VERSION } from './common.schema.ts';
import { FlagMessage, LiveStatesMessage, SignalBatchMessage } from './signals.schema.ts';
import { ChatMessage } from './live.schema.ts';

/** First message from the server on every socket: the client reloads on a version mismatch. */
export const HelloMessage = z.object({
  type: z.literal('hello'),
  protocolVersion: z.literal(PROTOCOL_VERSION),
  userId: z.string(),
});

/** Server → client: the caller's sessions were revoked (logout elsewhere, admin action). */
export const SessionRevokedMessage = z.object({
  type: z.literal('session-revoked'),
  /** `self`: the person logged out everywhere themselves; otherwise an admin or a change. */
  by: z.enum(['self']).optional(),
});

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

/** Live media (ADR 0007): how much of a student's media a proctor pulls. */
export const RtcQuality = z.enum(['tile', 'full']);
export type RtcQuality = z.infer<typeof RtcQuality>;
/** A session description or ICE candidate between a student's page and one proctor's page. */
const RtcDescription = z.strictObject({
  type: z.enum(['offer', 'answer', 'pranswer', 'rollback']),
  sdp: z.string().max(200_000).optional(),
});
const RtcCandidate = z.strictObject({
  candidate: z.string().max(2_000).optional(),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});
const rtcSignalFields = {
  sessionId: z.string().min(1).max(64),
  /** The other side's connection (socket) id. */
  peer: z.string().min(1).max(64),
  description: RtcDescription.optional(),
  candidate: RtcCandidate.nullable().optional(),
};
export type RtcSignal = { description?: RTCDescriptionLike; candidate?: RTCCandidateLike | null };
type RTCDescriptionLike = z.infer<typeof RtcDescription>;
type RTCCandidateLike = z.infer<typeof RtcCandidate>;

/** Server → student: a proctor wants this session's media at this quality (again: new quality). */
export const RtcViewerMessage = z.object({
  type: z.literal('rtc-viewer'),
  sessionId: z.string(),
  viewer: z.string(),
  quality: RtcQuality,
});
/** Server → student: that proctor stopped watching (closed the tile, left, lost the student). */
export const RtcViewerLeftMessage = z.object({
  type: z.literal('rtc-viewer-left'),
  sessionId: z.string(),
  viewer: z.string(),
});
/** Server → proctors watching: the student's page (re)started publishing; ask again. */
export const RtcPublisherMessage = z.object({
  type: z.literal('rtc-publisher'),
  sessionId: z.string(),
  publisher: z.string(),
  /** `side`: the student's paired phone (ADR 0023); absent: the student's computer. */
  source: z.literal('side').optional(),
});
export const RtcPublisherLeftMessage = z.object({
  type: z.literal('rtc-publisher-left'),
  sessionId: z.string(),
  publisher: z.string(),
});
/** Server → one page: a signal from `peer` (the other side). */
export const RtcSignalMessage = z.object({
  type: z.literal('rtc-signal'),
  ...rtcSignalFields,
  /** The publishing peer is the student's paired phone. */
  source: z.literal('side').optional(),
});
/** Server → the sitting's student and staff: its second camera changed (ADR 0023). */
export const SecondCameraMessage = z.object({
  type: z.literal('second-camera'),
  sessionId: z.string(),
  camera: SecondCameraStatus,
});
/** Server → a phone: another phone took its place; it stops. */
export const PhoneReplacedMessage = z.object({ type: z.literal('phone-replaced') });

/** Server → the student and the exam's staff: a chat message of a sitting (stored first). */
export const ChatMessageEvent = z.object({ type: z.literal('chat-message'), message: ChatMessage });
/** Server → the exam's staff: a sitting changed proctor (taken over). */
export const AssignmentChangedMessage = z.object({
  type: z.literal('assignment-changed'),
  sessionId: z.string(),
  proctorId: z.string(),
});

export const ServerMessage = z.discriminatedUnion('type', [
  HelloMessage,
  SessionRevokedMessage,
  SessionChangedMessage,
  NoticeMessage,
  FlagMessage,
  LiveStatesMessage,
  RtcViewerMessage,
  RtcViewerLeftMessage,
  RtcPublisherMessage,
  RtcPublisherLeftMessage,
  RtcSignalMessage,
  ChatMessageEvent,
  AssignmentChangedMessage,
  SecondCameraMessage,
  PhoneReplacedMessage,
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
  /** The session's student offers its camera, microphone and screen to the proctors (ADR 0007). */
  z.strictObject({ type: z.literal('rtc-publish'), sessionId: z.string().min(1).max(64) }),
  /** A proctor assigned to the session (or an examiner) pulls its media at a quality. */
  z.strictObject({
    type: z.literal('rtc-view'),
    sessionId: z.string().min(1).max(64),
    quality: RtcQuality,
  }),
  z.strictObject({ type: z.literal('rtc-unview'), sessionId: z.string().min(1).max(64) }),
  /** Offer/answer/ICE to the other side; relayed only between a publisher and its viewers. */
  z.strictObject({ type: z.literal('rtc-signal'), ...rtcSignalFields }),
  /** A paired phone tells how its camera is (ADR 0023); only a phone's socket may. */
  z.strictObject({
    type: z.literal('camera-state'),
    state: z.enum(['live', 'hidden', 'ended', 'frozen']),
    battery: z.number().min(0).max(1).nullable().optional(),
  }),
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
  /** A proctor acting on a student assigned to another proctor (take the student over first). */
  'not-assigned',
  /** Too many messages from this account or address: send again after `retryAfterMs` (ADR 0022). */
  'rate-limited',
]);
export type RejectReason = z.infer<typeof RejectReason>;

/** The acknowledgement of every client message. */
export type ClientAck =
  | { ok: true; seq?: number; duplicate?: boolean }
  | { ok: false; reason: RejectReason; message: string; retryAfterMs?: number };

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
  'rate-limited',
  /** The login session the socket connected with has ended (logout, expiry): log in again. */
  'unauthenticated',
  /** The server could not check the login session now; send again. */
  'unavailable',
]);
export type OralAck =
  | { ok: true; peers?: OralPeer[] }
  | { ok: false; reason: z.infer<typeof OralRefusal>; message: string; retryAfterMs?: number };
