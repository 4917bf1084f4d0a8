// Socket.IO on the HTTP server's port. Each socket joins `user:<id>`, so messages fan out by
// room and a Redis adapter can carry them between nodes later.
import { PROTOCOL_VERSION, SOCKET_EVENT, type ServerMessage } from '@emtihan/protocol';
import { parseCookie } from 'cookie';
import type { FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import { SESSION_COOKIE } from '../http/route.ts';
import type { AuthService } from '../services/auth.service.ts';

export const userRoom = (userId: string) => `user:${userId}`;

export function attachRealtime(app: FastifyInstance, auth: AuthService) {
  const io = new Server(app.server, { serveClient: false, cors: { origin: false } });

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
    socket.emit(SOCKET_EVENT, {
      type: 'hello',
      protocolVersion: PROTOCOL_VERSION,
      userId,
    } satisfies ServerMessage);
  });

  app.addHook('onClose', async () => {
    await io.close();
  });

  return {
    io,
    /** Tells every open socket of the user that its session ended, then drops them. */
    sessionsRevoked(userId: string) {
      io.to(userRoom(userId)).emit(SOCKET_EVENT, {
        type: 'session-revoked',
      } satisfies ServerMessage);
      io.in(userRoom(userId)).disconnectSockets(true);
    },
  };
}
