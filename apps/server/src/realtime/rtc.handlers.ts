// Live media signalling (ADR 0007). The server relays no media: it only passes offers, answers
// and ICE candidates between a student's page (the publisher) and the pages of the staff
// allowed to watch that student (the viewers). Each sitting has two rooms: `rtc:<id>:pub` (the
// student's publishing sockets) and `rtc:<id>:view` (the viewers); a signal goes to one socket,
// and only if that socket is in the opposite room of the same sitting — so a student never
// reaches another student, nor a proctor a sitting they were not allowed to watch.
import {
  SOCKET_EVENT,
  type ClientAck,
  type ClientMessage,
  type ServerMessage,
} from '@emtihan/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Server, Socket } from 'socket.io';
import type { LiveRefusal } from '../services/assignment.service.ts';

export const rtcPublishRoom = (sessionId: string) => `rtc:${sessionId}:pub`;
export const rtcViewRoom = (sessionId: string) => `rtc:${sessionId}:view`;

export interface RtcAccess {
  mayPublish(sessionId: string, userId: string): Promise<LiveRefusal | null>;
  mayView(sessionId: string, userId: string): Promise<LiveRefusal | null>;
}

/** A phone's messages say so, for the viewer to show its video as the side camera. */
const sourceOf = (socket: Socket): { source?: 'side' } =>
  socket.data.phone ? { source: 'side' } : {};

type RtcMessage = Extract<ClientMessage, { type: `rtc-${string}` }>;
const isRtc = (m: ClientMessage): m is RtcMessage => m.type.startsWith('rtc-');

interface RtcSocketState {
  publishing: Set<string>;
  viewing: Set<string>;
  /** Peers already checked to be in the opposite room (socket ids are never reused). */
  checked: Set<string>;
}

export function rtcHandlers(io: Server, access: RtcAccess, log: FastifyBaseLogger) {
  const stateOf = (socket: Socket): RtcSocketState =>
    ((socket.data.rtc as RtcSocketState | undefined) ??= {
      publishing: new Set(),
      viewing: new Set(),
      checked: new Set(),
    });
  const send = (room: string, m: ServerMessage) => io.to(room).emit(SOCKET_EVENT, m);
  const refused = (socket: Socket, r: LiveRefusal, msg: RtcMessage): ClientAck => {
    log.warn({ userId: socket.data.userId, type: msg.type, ...r }, 'refused live media message');
    return { ok: false, reason: r.reason, message: r.message };
  };

  /** Stops a viewer socket's watching of one sitting and tells the student's page. */
  const stopViewing = (socket: Socket, sessionId: string) => {
    const st = stateOf(socket);
    if (!st.viewing.delete(sessionId)) return;
    void socket.leave(rtcViewRoom(sessionId));
    send(rtcPublishRoom(sessionId), { type: 'rtc-viewer-left', sessionId, viewer: socket.id });
  };

  return {
    isRtc,
    async handle(socket: Socket, msg: RtcMessage): Promise<ClientAck> {
      const userId = socket.data.userId as string;
      const st = stateOf(socket);
      switch (msg.type) {
        case 'rtc-publish': {
          // A paired phone publishes for its student, as the `side` camera (ADR 0023).
          const phone = socket.data.phone as { studentId: string } | undefined;
          const no = await access.mayPublish(msg.sessionId, phone ? phone.studentId : userId);
          if (no) return refused(socket, no, msg);
          await socket.join(rtcPublishRoom(msg.sessionId));
          st.publishing.add(msg.sessionId);
          // Viewers ask again: after a student's reload or a server restart nobody remembers.
          send(rtcViewRoom(msg.sessionId), {
            type: 'rtc-publisher',
            sessionId: msg.sessionId,
            publisher: socket.id,
            ...sourceOf(socket),
          });
          return { ok: true };
        }
        case 'rtc-view': {
          const no = await access.mayView(msg.sessionId, userId);
          if (no) return refused(socket, no, msg);
          await socket.join(rtcViewRoom(msg.sessionId));
          st.viewing.add(msg.sessionId);
          send(rtcPublishRoom(msg.sessionId), {
            type: 'rtc-viewer',
            sessionId: msg.sessionId,
            viewer: socket.id,
            quality: msg.quality,
          });
          return { ok: true };
        }
        case 'rtc-unview':
          stopViewing(socket, msg.sessionId);
          return { ok: true };
        case 'rtc-signal': {
          const target = st.publishing.has(msg.sessionId)
            ? rtcViewRoom(msg.sessionId)
            : st.viewing.has(msg.sessionId)
              ? rtcPublishRoom(msg.sessionId)
              : undefined;
          if (!target)
            return refused(socket, { reason: 'forbidden', message: 'not in this sitting' }, msg);
          const key = `${msg.sessionId}/${msg.peer}`;
          if (!st.checked.has(key)) {
            const [peer] = await io.in(msg.peer).fetchSockets();
            if (!peer?.rooms.has(target))
              return refused(socket, { reason: 'forbidden', message: 'no such peer' }, msg);
            st.checked.add(key);
          }
          io.to(msg.peer).emit(SOCKET_EVENT, {
            type: 'rtc-signal',
            sessionId: msg.sessionId,
            peer: socket.id,
            ...(msg.description ? { description: msg.description } : {}),
            ...(msg.candidate !== undefined ? { candidate: msg.candidate } : {}),
            ...sourceOf(socket),
          } satisfies ServerMessage);
          return { ok: true };
        }
      }
    },
    /** A page went away: its peers close their connections to it. */
    disconnected(socket: Socket) {
      const st = stateOf(socket);
      for (const sessionId of st.publishing)
        send(rtcViewRoom(sessionId), {
          type: 'rtc-publisher-left',
          sessionId,
          publisher: socket.id,
        });
      for (const sessionId of [...st.viewing]) stopViewing(socket, sessionId);
    },
    /**
     * A viewer lost the right to watch (the student was taken over by another proctor): its
     * sockets leave the sitting on every node, and the student's page drops their connections.
     */
    async revokeViewer(sessionId: string, userId: string) {
      const sockets = await io.in(rtcViewRoom(sessionId)).fetchSockets();
      for (const s of sockets) {
        if (s.data.userId !== userId) continue;
        s.leave(rtcViewRoom(sessionId));
        send(rtcPublishRoom(sessionId), { type: 'rtc-viewer-left', sessionId, viewer: s.id });
      }
    },
  };
}
export type RtcHandlers = ReturnType<typeof rtcHandlers>;
