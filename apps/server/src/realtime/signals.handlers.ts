// The realtime side of signals and flags (ADR 0006): a student's signal batches go to the
// signal service; flag changes go to the exam's staff room. With REDIS_URL, rooms reach the
// sockets of every node through the Redis adapter.
import {
  SOCKET_EVENT,
  type FlagMessage,
  type LiveStatesMessage,
  type ServerMessage,
} from '@emtihan/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Server } from 'socket.io';
import type { SignalService } from '../services/signal.service.ts';
import { examStaffRoom, type SignalBatchHandler } from './socket.ts';

export function signalBatchHandler(
  service: SignalService,
  log: FastifyBaseLogger,
): SignalBatchHandler {
  return async (userId, msg) => {
    const ack = await service.receive(userId, msg).catch((err: unknown) => {
      log.error({ err, sessionId: msg.sessionId }, 'signal batch failed');
      return { ok: false as const, reason: 'unavailable' as const, message: 'try again' };
    });
    if (!ack.ok) {
      log.warn(
        { userId, sessionId: msg.sessionId, seq: msg.seq, reason: ack.reason, detail: ack.message },
        'refused signal batch',
      );
    }
    return ack;
  };
}

/** Sends a flag change to everyone watching the exam (its proctors and examiners). */
export const flagPublisher =
  (io: Server) =>
  (message: FlagMessage): void => {
    io.to(examStaffRoom(message.examId)).emit(SOCKET_EVENT, message satisfies ServerMessage);
  };

/**
 * Sends the sittings just stored to the exam's staff: one packet per exam and commit, encoded
 * once by Socket.IO for every socket of the room (and once for the Redis adapter).
 */
export const livePublisher =
  (io: Server) =>
  (message: LiveStatesMessage): void => {
    io.to(examStaffRoom(message.examId)).emit(SOCKET_EVENT, message satisfies ServerMessage);
  };

/**
 * Joins this node's Socket.IO to the others through Redis; returns how to let go. The Redis
 * client (about 1,300 modules, one per command) is loaded only by a node configured with Redis.
 */
export async function useRedisAdapter(
  io: Server,
  url: string,
  log?: FastifyBaseLogger,
  /** The connections' names in Redis (CLIENT LIST): `<name>-pub`, `<name>-sub`. */
  name = 'emtihan-io',
): Promise<() => Promise<void>> {
  const [{ createClient }, { createAdapter }] = await Promise.all([
    import('redis'),
    import('@socket.io/redis-adapter'),
  ]);
  const pub = createClient({ url, name: `${name}-pub` });
  const sub = pub.duplicate({ name: `${name}-sub` });
  // A lost connection (Redis restarted) is an 'error' event: without a listener it ended the
  // whole process (ADR 0021). The client reconnects by itself; meanwhile rooms reach only this
  // node's sockets.
  for (const client of [pub, sub])
    client.on('error', (err: unknown) =>
      log?.warn({ err }, 'the Redis connection was lost; reconnecting'),
    );
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub));
  return async () => {
    await Promise.allSettled([pub.quit(), sub.quit()]);
  };
}
