// The oral exam's socket messages (their own event, ADR 0012). Following a slot joins
// `oral:<slot>`; the media room `oral:<slot>:media` holds the commission and the student called
// in; each of them also joins `oral:<slot>:peer:<user>`, so signalling reaches exactly the
// addressed participant's sockets in the room, on any node (rooms only, Redis-adapter safe).
import {
  ORAL_SOCKET_EVENT,
  OralClientMessage,
  type OralAck,
  type OralServerMessage,
} from '@emtihan/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Server, Socket } from 'socket.io';
import { nulPath } from '../http/text-input.ts';
import type { OralNotifier, OralService } from '../services/oral.service.ts';

const watchRoom = (slotId: string) => `oral:${slotId}`;
const mediaRoom = (slotId: string) => `oral:${slotId}:media`;
const peerRoom = (slotId: string, userId: string) => `oral:${slotId}:peer:${userId}`;

export function attachOralHandlers(
  io: Server,
  log: FastifyBaseLogger,
  service: () => OralService,
): OralNotifier {
  const send = (room: string, m: OralServerMessage, except?: Socket) =>
    (except ? except.to(room) : io.to(room)).emit(ORAL_SOCKET_EVENT, m);

  async function leave(socket: Socket, slotId: string) {
    const userId = socket.data.userId as string;
    if (!socket.rooms.has(mediaRoom(slotId))) return;
    await socket.leave(mediaRoom(slotId));
    await socket.leave(peerRoom(slotId, userId));
    send(mediaRoom(slotId), { type: 'oral-peer-left', slotId, userId });
  }

  io.on('connection', (socket) => {
    const userId = socket.data.userId as string;
    socket.on('disconnecting', () => {
      for (const room of socket.rooms) {
        const m = /^oral:([^:]+):media$/.exec(room);
        if (m) send(room, { type: 'oral-peer-left', slotId: m[1]!, userId }, socket);
      }
    });
    socket.on(ORAL_SOCKET_EVENT, async (raw: unknown, ack?: (a: OralAck) => void) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      if (nulPath(raw, '') !== undefined) {
        return reply({ ok: false, reason: 'invalid-message', message: 'text may not contain NUL' });
      }
      const parsed = OralClientMessage.safeParse(raw);
      if (!parsed.success) {
        log.warn({ userId, issues: parsed.error.issues }, 'refused oral socket message');
        return reply({
          ok: false,
          reason: 'invalid-message',
          message: parsed.error.issues[0]?.message ?? 'invalid',
        });
      }
      const msg = parsed.data;
      const inRoom = socket.rooms.has(mediaRoom(msg.slotId));
      try {
        switch (msg.type) {
          case 'oral-watch':
            if (!(await service().canWatch(msg.slotId, userId))) {
              return reply({ ok: false, reason: 'forbidden', message: 'not your slot' });
            }
            await socket.join(watchRoom(msg.slotId));
            return reply({ ok: true });
          case 'oral-enter': {
            const access = await service().mediaAccess(msg.slotId, userId);
            if (!access) {
              return reply({
                ok: false,
                reason: 'not-admitted',
                message: 'you have not been called into the room',
              });
            }
            if (socket.rooms.has(mediaRoom(msg.slotId))) {
              return reply({ ok: true, peers: await peersOf(io, msg.slotId, userId) });
            }
            const elsewhere = (await io.in(peerRoom(msg.slotId, userId)).fetchSockets()).filter(
              (s) => s.id !== socket.id,
            );
            if (elsewhere.length > 0) {
              return reply({
                ok: false,
                reason: 'already-connected',
                message: 'you are already in this room from another window or device',
              });
            }
            socket.data.oral = { ...(socket.data.oral ?? {}), [msg.slotId]: access };
            const peers = await peersOf(io, msg.slotId, userId);
            await socket.join([mediaRoom(msg.slotId), peerRoom(msg.slotId, userId)]);
            send(
              mediaRoom(msg.slotId),
              { type: 'oral-peer-joined', slotId: msg.slotId, peer: { userId, ...access } },
              socket,
            );
            return reply({ ok: true, peers });
          }
          case 'oral-leave':
            await leave(socket, msg.slotId);
            return reply({ ok: true });
          case 'oral-signal':
            if (!inRoom) return reply({ ok: false, reason: 'not-in-room', message: 'enter first' });
            send(peerRoom(msg.slotId, msg.to), {
              type: 'oral-signal',
              slotId: msg.slotId,
              from: userId,
              signal: msg.signal,
            });
            return reply({ ok: true });
          case 'oral-media':
            if (!inRoom) return reply({ ok: false, reason: 'not-in-room', message: 'enter first' });
            send(
              mediaRoom(msg.slotId),
              { type: 'oral-media', slotId: msg.slotId, userId, state: msg.state },
              socket,
            );
            return reply({ ok: true });
          case 'oral-request-screen': {
            const role = (socket.data.oral as Record<string, { role: string }> | undefined)?.[
              msg.slotId
            ]?.role;
            if (!inRoom || role !== 'examiner') {
              return reply({ ok: false, reason: 'forbidden', message: 'examiners only' });
            }
            send(
              mediaRoom(msg.slotId),
              { type: 'oral-request-screen', slotId: msg.slotId, from: userId },
              socket,
            );
            return reply({ ok: true });
          }
        }
      } catch (err) {
        log.error({ err, userId }, 'oral socket message failed');
        return reply({ ok: false, reason: 'forbidden', message: 'failed' });
      }
    });
  });

  return {
    slotChanged(slotId) {
      send(watchRoom(slotId), { type: 'oral-changed', slotId });
    },
    leaveMedia(slotId, userId) {
      send(mediaRoom(slotId), { type: 'oral-peer-left', slotId, userId });
      io.in(peerRoom(slotId, userId)).socketsLeave([mediaRoom(slotId), peerRoom(slotId, userId)]);
    },
  };
}

async function peersOf(io: Server, slotId: string, except: string) {
  const sockets = await io.in(mediaRoom(slotId)).fetchSockets();
  const seen = new Map<
    string,
    { userId: string; role: 'examiner' | 'student'; fullName: string }
  >();
  for (const s of sockets) {
    const id = s.data.userId as string;
    const access = (
      s.data.oral as Record<string, { role: 'examiner' | 'student'; fullName: string }>
    )?.[slotId];
    if (id !== except && access) seen.set(id, { userId: id, ...access });
  }
  return [...seen.values()];
}
