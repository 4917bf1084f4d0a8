// Socket.IO on the HTTP server's port. Each socket joins `user:<id>`; watching a session joins
// `session:<id>`. Fan-out goes by room only, so a Redis adapter can carry it between nodes.
import {
  ClientMessage,
  PROTOCOL_VERSION,
  SOCKET_EVENT,
  type ClientAck,
  type ServerMessage,
} from '@emtihan/protocol';
import { parseCookie } from 'cookie';
import type { FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import { SESSION_COOKIE } from '../http/route.ts';
import { nulPath } from '../http/text-input.ts';
import type { StoredSession } from '../repositories/session.repo.ts';
import type { AuthService } from '../services/auth.service.ts';
import type { SessionNotifier } from '../services/exam-session.service.ts';
import { rtcHandlers, type RtcAccess, type RtcHandlers } from './rtc.handlers.ts';

export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const examStaffRoom = (examId: string) => `exam:${examId}:staff`;

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

export function attachRealtime(
  app: FastifyInstance,
  auth: AuthService,
  ping: { pingInterval?: number; pingTimeout?: number } = {},
) {
  const io = new Server(app.server, { serveClient: false, cors: { origin: false }, ...ping });
  let onSignals: SignalBatchHandler = async () => ({
    ok: false,
    reason: 'forbidden',
    message: 'signals are not taken here',
  });
  let canWatch: WatchCheck = async () => false;
  let canWatchExam: WatchCheck = async () => false;
  let presence: PresenceListener = async () => {};
  let rtc: RtcHandlers | undefined;

  io.use(async (socket, next) => {
    const token = parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
    const caller = await auth.authenticate(token).catch(() => undefined);
    if (!caller) return next(new Error('unauthenticated'));
    socket.data.userId = caller.user.id;
    next();
  });

  io.on('connection', (socket) => {
    const userId = socket.data.userId as string;
    void socket.join(userRoom(userId));
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
    /** Live media signalling (ADR 0007). */
    setRtcAccess(access: RtcAccess) {
      rtc = rtcHandlers(io, access, app.log);
      return rtc;
    },
    /** Tells every open socket of the user that its session ended, then drops them. */
    sessionsRevoked(userId: string) {
      io.to(userRoom(userId)).emit(SOCKET_EVENT, {
        type: 'session-revoked',
      } satisfies ServerMessage);
      io.in(userRoom(userId)).disconnectSockets(true);
    },
  };
}
