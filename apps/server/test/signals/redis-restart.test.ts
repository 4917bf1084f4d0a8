// Redis restarted under a node joined to the others through it (found by `npm run drill --
// --restart-redis`, ADR 0021): the node's connections to Redis are dropped, also while the node
// is starting. The node must stay up and join once Redis answers; before, a connection lost while
// starting had no 'error' listener and ended the process. Only this test's own connections are
// dropped (Redis is shared).
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useRedisAdapter } from '../../src/realtime/signals.handlers.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const admin = createClient({ url: REDIS_URL });
const name = `emtihan-test-${randomBytes(4).toString('hex')}`;

/** This test's node's connections: id by name. */
async function ours(): Promise<Map<string, string>> {
  const list = String(await admin.sendCommand(['CLIENT', 'LIST']));
  const found = new Map<string, string>();
  for (const line of list.split('\n')) {
    const id = /(?:^| )id=(\d+)/.exec(line)?.[1];
    const n = / name=(\S+)/.exec(line)?.[1];
    if (id && n?.startsWith(`${name}-`)) found.set(n, id);
  }
  return found;
}

beforeAll(() => admin.connect());
afterAll(() => admin.quit());

it('a node whose Redis connections are dropped stays up and joins again', async () => {
  const io = new Server();
  const release = await useRedisAdapter(io, REDIS_URL, undefined, name);
  const before = await ours();
  expect([...before.keys()].sort()).toEqual([`${name}-pub`, `${name}-sub`]);
  for (const id of before.values()) await admin.sendCommand(['CLIENT', 'KILL', 'ID', id]);
  // Both connections come back (new ids), and the node still answers through Redis.
  for (;;) {
    const now = await ours();
    if (now.size === 2 && [...now.values()].every((id) => ![...before.values()].includes(id)))
      break;
  }
  expect(await io.fetchSockets()).toEqual([]);
  await release();
});

it('a node starting while Redis restarts waits for it instead of ending', async () => {
  // Redis as seen through a restart: the first connections are closed at once, then it answers.
  const [host, port] = new URL(REDIS_URL).host.split(':');
  let refused = 0;
  const restarting = net.createServer((socket) => {
    if (refused++ < 3) return socket.destroy();
    const redis = net.connect(Number(port ?? 6379), host);
    socket.pipe(redis).pipe(socket);
    socket.on('error', () => redis.destroy());
    redis.on('error', () => socket.destroy());
  });
  await new Promise<void>((r) => restarting.listen(0, '127.0.0.1', r));
  const url = `redis://127.0.0.1:${(restarting.address() as net.AddressInfo).port}`;
  const io = new Server();
  const release = await useRedisAdapter(io, url, undefined, `${name}-start`);
  expect(refused).toBeGreaterThan(3);
  expect(await io.fetchSockets()).toEqual([]);
  await release();
  restarting.close();
});
