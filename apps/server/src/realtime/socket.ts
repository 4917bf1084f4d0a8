// Socket.IO on the HTTP server's port. Each socket joins `user:<id>`; watching a session joins
// `session:<id>`. Fan-out goes by room only, so a Redis adapter can carry it between nodes.
import {
  ClientMessage,
  PHONE_COOKIE,
  PROTOCOL_VERSION,
  SOCKET_EVENT,
  type ClientAck,
  type ServerMessage,
} from '@emtihan/protocol';
import { parseCookie } from 'cookie';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { Server, type Socket } from 'socket.io';
import { SESSION_COOKIE } from '../http/route.ts';
import { nulPath } from '../http/text-input.ts';
import type { StoredSession } from '../repositories/session.repo.ts';
import type { AuthService } from '../services/auth.service.ts';
import { exceededMessage, limits, type RateLimiter } from '../services/rate-limits.ts';
import type { SessionNotifier } from '../services/exam-session.service.ts';
import type { PhoneCaller } from '../services/second-camera.service.ts';
import { rtcHandlers, type RtcAccess, type RtcHandlers } from './rtc.handlers.ts';

export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const examStaffRoom = (examId: string) => `exam:${examId}:staff`;
/** A paired phone's sockets (ADR 0023): dropped when another phone replaces it. */
export const phoneRoom = (cameraId: string) => `phone:${cameraId}`;

/** A paired phone's own messages: its camera's state, and the socket going away. */
export interface PhoneHandler {
  authenticate(credential: string | undefined): Promise<PhoneCaller | undefined>;
  state(
    phone: PhoneCaller,
    msg: Extract<ClientMessage, { type: 'camera-state' }>,
  ): Promise<ClientAck>;
  /** Its last socket closed (not a server shutdown). */
  gone(phone: PhoneCaller): Promise<void>;
}

/** Decides whether a user may watch a session; the session service answers. */
export type WatchCheck = (sessionId: string, userId: string) => Promise<boolean>;
/**
 * A watcher of a session came online or went away. Going away, `lastHeardAt` is when the
 * server last heard anything from that connection: a network that dies silently is noticed
 * only after the ping timeout, but was gone since then.
 */
export type PresenceListener = (
  sessionId: string,
  userId: string,
  online: boolean,
  lastHeardAt?: number,
) => Promise<void>;

/** Takes a student's signal batch (realtime/signals.handlers.ts). */
export type SignalBatchHandler = (
  userId: string,
  msg: Extract<ClientMessage, { type: 'signals' }>,
) => Promise<ClientAck>;

/**
 * A socket lives only as long as the login session it connected with: each message (of any
 * event) is taken only while that session is still valid — not logged out, not expired, not
 * revoked, its account active, as the database says on any node — and the socket is dropped
 * when the session's time is up, even if it sends nothing. Without this a page could keep
 * listening to its rooms, and sending, with a cookie that no longer logs anyone in.
 */
function endsWithLogin(socket: Socket, auth: AuthService) {
  const token = parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
  const end = () => {
    socket.emit(SOCKET_EVENT, { type: 'session-revoked' } satisfies ServerMessage);
    socket.disconnect(true);
  };
  const left = Date.parse(String(socket.data.loginExpiresAt)) - Date.now();
  if (left < 2 ** 31) {
    const timer = setTimeout(end, Math.max(0, left));
    timer.unref();
    socket.on('disconnect', () => clearTimeout(timer));
  }
  socket.use((packet, next) => {
    const last: unknown = packet.at(-1);
    const reply = typeof last === 'function' ? (last as (a: ClientAck) => void) : () => {};
    auth.authenticate(token).then(
      (caller) => {
        if (caller) return next();
        reply({ ok: false, reason: 'unauthenticated', message: 'Please log in again' });
        end();
      },
      // The database did not answer: not a logout, so the socket stays and the client retries.
      () => reply({ ok: false, reason: 'unavailable', message: 'try again' }),
    );
  });
}

/**
 * Whether a socket's handshake comes from one of our own pages. The browser sends the login
 * cookie from any page of the same site (SameSite=Lax), so a page on another host of the
 * university's domain could otherwise open a socket as the person logged in. Without an Origin
 * (not a browser page: the bench, tests) the login cookie alone decides.
 */
export function fromOwnOrigin(headers: IncomingHttpHeaders, publicUrl?: string): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const first = (h: string | string[] | undefined) =>
    (Array.isArray(h) ? h[0] : h)?.split(',')[0]?.trim();
  const own = [first(headers.host), first(headers['x-forwarded-host'])];
  if (publicUrl) own.push(new URL(publicUrl).host);
  return own.includes(host);
}

export function attachRealtime(
  app: FastifyInstance,
  auth: AuthService,
  opts: { pingInterval?: number; pingTimeout?: number; publicUrl?: string } = {},
  /** Counts every message (both events) per account and address (ADR 0022). */
  limiting?: { limiter: RateLimiter; trustProxy: boolean },
) {
  const { publicUrl, ...ping } = opts;
  const io = new Server(app.server, {
    serveClient: false,
    cors: { origin: false },
    allowRequest: (req, done) => done(null, fromOwnOrigin(req.headers, publicUrl)),
    ...ping,
  });
  let onSignals: SignalBatchHandler = async () => ({
    ok: false,
    reason: 'forbidden',
    message: 'signals are not taken here',
  });
  let canWatch: WatchCheck = async () => false;
  let canWatchExam: WatchCheck = async () => false;
  let presence: PresenceListener = async () => {};
  let rtc: RtcHandlers | undefined;
  let phones: PhoneHandler | undefined;

  io.use(async (socket, next) => {
    // A paired phone says so; it is never taken for its student (ADR 0023).
    if ((socket.handshake.auth as { as?: unknown } | undefined)?.as === 'phone') {
      const credential = parseCookie(socket.handshake.headers.cookie ?? '')[PHONE_COOKIE];
      const phone = await phones?.authenticate(credential).catch(() => undefined);
      if (!phone) return next(new Error('unauthenticated'));
      socket.data.phone = phone;
      socket.data.userId = `phone:${phone.cameraId}`;
      return next();
    }
    const token = parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
    const caller = await auth.authenticate(token).catch(() => undefined);
    if (!caller) return next(new Error('unauthenticated'));
    socket.data.userId = caller.user.id;
    socket.data.loginExpiresAt = caller.session.expiresAt;
    next();
  });

  io.on('connection', (socket) => {
    const userId = socket.data.userId as string;
    const phone = socket.data.phone as PhoneCaller | undefined;
    if (phone) return phoneConnected(socket, phone);
    void socket.join(userRoom(userId));
    endsWithLogin(socket, auth);
    const watching = new Set<string>();
    // Every packet from the client, pongs included, proves the connection was alive then.
    let lastHeardAt = Date.now();
    socket.conn.on('packet', () => {
      lastHeardAt = Date.now();
    });
    socket.on('disconnect', (reason) => {
      rtc?.disconnected(socket);
      if (reason === 'server shutting down') return;
      for (const sessionId of watching) {
        presence(sessionId, userId, false, lastHeardAt).catch((err: unknown) =>
          app.log.error({ err }, 'presence failed'),
        );
      }
    });
    limitMessages(socket, userId);
    socket.emit(SOCKET_EVENT, {
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      userId,
    } satisfies ServerMessage);

    socket.on(SOCKET_EVENT, (raw: unknown, ack?: (a: ClientAck) => void) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      // A failure (the database refusing) is an answer to retry, not an unhandled rejection.
      onMessage(raw, reply).catch((err: unknown) => {
        app.log.error({ err }, 'socket message failed');
        reply({ ok: false, reason: 'unavailable', message: 'the server could not do it now' });
      });
    });
    const onMessage = async (raw: unknown, reply: (a: ClientAck) => void) => {
      if (nulPath(raw, '') !== undefined) {
        return reply({ ok: false, reason: 'invalid-message', message: 'text may not contain NUL' });
      }
      const parsed = ClientMessage.safeParse(raw);
      if (!parsed.success) {
        app.log.warn({ userId, issues: parsed.error.issues }, 'refused socket message');
        return reply({
          ok: false,
          reason: 'invalid-message',
          message: parsed.error.issues
            .slice(0, 3)
            .map((i) => `${i.path.join('.') || 'message'}: ${i.message}`)
            .join('; '),
        });
      }
      const msg = parsed.data;
      if (rtc?.isRtc(msg)) return reply(await rtc.handle(socket, msg));
      switch (msg.type) {
        case 'ping':
          return reply({ ok: true });
        case 'camera-state':
          return reply({
            ok: false,
            reason: 'forbidden',
            message: 'only a paired phone says this',
          });
        case 'signals':
          return reply(await onSignals(userId, msg));
        case 'watch-exam':
          if (!(await canWatchExam(msg.examId, userId).catch(() => false))) {
            app.log.warn({ userId, examId: msg.examId }, 'refused to watch an exam');
            return reply({ ok: false, reason: 'forbidden', message: 'not your exam' });
          }
          await socket.join(examStaffRoom(msg.examId));
          return reply({ ok: true });
        case 'watch-session':
          if (!(await canWatch(msg.sessionId, userId).catch(() => false))) {
            app.log.warn({ userId, sessionId: msg.sessionId }, 'refused to watch a session');
            return reply({ ok: false, reason: 'forbidden', message: 'not your session' });
          }
          await socket.join(sessionRoom(msg.sessionId));
          watching.add(msg.sessionId);
          await presence(msg.sessionId, userId, true).catch((err: unknown) =>
            app.log.error({ err }, 'presence failed'),
          );
          return reply({ ok: true });
      }
    };
  });

  /** Every message of every event counts against the socket limit (ADR 0022). */
  function limitMessages(socket: Socket, userId: string) {
    if (limiting?.limiter.enabled) {
      const forwarded = socket.handshake.headers['x-forwarded-for'];
      const address =
        (limiting.trustProxy && typeof forwarded === 'string'
          ? forwarded.split(',')[0]?.trim()
          : undefined) || socket.handshake.address;
      // Every message of every event: refused with a typed reason and when to send again.
      socket.use((packet, next) => {
        limiting.limiter.check(limits.socket, { account: userId, address }).then(
          (exceeded) => {
            if (!exceeded) return next();
            const ack: unknown = packet[packet.length - 1];
            if (typeof ack === 'function') {
              (ack as (a: ClientAck) => void)({
                ok: false,
                reason: 'rate-limited',
                message: exceededMessage(exceeded),
                retryAfterMs: exceeded.retryAfterMs,
              });
            }
          },
          () => next(),
        );
      });
    }
  }

  /**
   * A paired phone's socket: it publishes its camera to the sitting's viewers, says how its
   * camera is, and hears only its sitting's status; nothing else a student's socket may do.
   */
  function phoneConnected(socket: Socket, phone: PhoneCaller) {
    limitMessages(socket, socket.data.userId as string);
    void socket.join(phoneRoom(phone.cameraId));
    void socket.join(sessionRoom(phone.sessionId));
    socket.on('disconnect', (reason) => {
      rtc?.disconnected(socket);
      if (reason === 'server shutting down') return;
      void (async () => {
        // Another socket of the same phone (a quick reconnect, maybe on another node) is alive.
        if ((await io.in(phoneRoom(phone.cameraId)).fetchSockets()).length > 0) return;
        await phones?.gone(phone);
      })().catch((err: unknown) => app.log.error({ err }, 'phone presence failed'));
    });
    socket.emit(SOCKET_EVENT, {
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      userId: socket.data.userId as string,
    } satisfies ServerMessage);
    socket.on(SOCKET_EVENT, async (raw: unknown, ack?: (a: ClientAck) => void) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      const parsed = ClientMessage.safeParse(raw);
      if (!parsed.success)
        return reply({
          ok: false,
          reason: 'invalid-message',
          message: parsed.error.issues[0]?.message ?? 'invalid',
        });
      const msg = parsed.data;
      const own = !('sessionId' in msg) || msg.sessionId === phone.sessionId;
      if (!own)
        return reply({ ok: false, reason: 'forbidden', message: "not this phone's sitting" });
      switch (msg.type) {
        case 'ping':
          return reply({ ok: true });
        case 'camera-state':
          return reply(
            phones
              ? await phones.state(phone, msg)
              : { ok: false, reason: 'unavailable', message: 'no phones here' },
          );
        case 'rtc-publish':
        case 'rtc-signal':
          return reply(
            rtc
              ? await rtc.handle(socket, msg)
              : { ok: false, reason: 'unavailable', message: 'no live media here' },
          );
        default:
          return reply({ ok: false, reason: 'forbidden', message: 'a phone may not do this' });
      }
    });
  }

  // Before the HTTP server waits for its connections to end: open WebSockets would keep it
  // waiting (a browser keeps its socket open for as long as the page is).
  app.addHook('preClose', async () => {
    await io.close();
  });

  const notifier: SessionNotifier = {
    changed(session: StoredSession, effects) {
      const room = io.to(sessionRoom(session.id)).to(examStaffRoom(session.examId));
      room.emit(SOCKET_EVENT, {
        type: 'session-changed',
        sessionId: session.id,
        status: session.state.status,
        version: session.version,
      } satisfies ServerMessage);
      for (const e of effects) {
        if (e.type === 'notify-student') {
          io.to(userRoom(session.studentId)).emit(SOCKET_EVENT, {
            type: 'notice',
            sessionId: session.id,
            key: e.key,
            params: e.params,
          } satisfies ServerMessage);
        }
      }
    },
  };

  return {
    io,
    notifier,
    setWatchCheck(check: WatchCheck) {
      canWatch = check;
    },
    setExamWatchCheck(check: WatchCheck) {
      canWatchExam = check;
    },
    setPresenceListener(listener: PresenceListener) {
      presence = listener;
    },
    setSignalHandler(handler: SignalBatchHandler) {
      onSignals = handler;
    },
    /** The phone as a second camera (ADR 0023). */
    setPhoneHandler(handler: PhoneHandler) {
      phones = handler;
    },
    /** Another phone replaced these: their sockets are told and dropped, on every node. */
    phonesReplaced(cameraIds: string[]) {
      for (const id of cameraIds) {
        io.to(phoneRoom(id)).emit(SOCKET_EVENT, { type: 'phone-replaced' } satisfies ServerMessage);
        io.in(phoneRoom(id)).disconnectSockets(true);
      }
    },
    /** Live media signalling (ADR 0007). */
    setRtcAccess(access: RtcAccess) {
      rtc = rtcHandlers(io, access, app.log);
      return rtc;
    },
    /**
     * The user lost a right (left a course): their sockets are dropped, on every node, with the
     * rooms they joined; the pages connect again and ask anew for what they still may watch.
     */
    rightsChanged(userId: string) {
      io.in(userRoom(userId)).disconnectSockets(true);
    },
    /** Tells every open socket of the user that its session ended, then drops them. */
    sessionsRevoked(userId: string, by?: 'self') {
      io.to(userRoom(userId)).emit(SOCKET_EVENT, {
        type: 'session-revoked',
        ...(by ? { by } : {}),
      } satisfies ServerMessage);
      io.in(userRoom(userId)).disconnectSockets(true);
    },
  };
}
