// Rate limits (ADR 0022): login, evidence uploads, file uploads and socket messages are counted per
// account and per client address; the refusal says which limit and when to try again. The
// presets are scaled down with RATE_LIMIT_FACTOR so that a few requests reach them, and the
// client's address is set with X-Forwarded-For behind a trusted proxy (TRUST_PROXY).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { api, CSRF_HEADER, ORAL_SOCKET_EVENT, SOCKET_EVENT } from '@emtihan/protocol';
import { openDatabase } from '../src/db/database.ts';
import { AuthSessionRepo } from '../src/repositories/auth-session.repo.ts';
import { UserRepo } from '../src/repositories/user.repo.ts';
import { AuthService } from '../src/services/auth.service.ts';
import { systemClock } from '../src/services/clock.ts';
import { hashPassword } from '../src/services/password.ts';
import { limits, scaledLimit } from '../src/services/rate-limits.ts';
import { TestClient } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';

const FACTOR = 0.01;
const LOGIN_PER_ACCOUNT = 300; // 3 after the factor
const max = (base: number) => scaledLimit(base, FACTOR);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    env: {
      TRUST_PROXY: 'true',
      RATE_LIMIT_FACTOR: String(FACTOR),
      LOGIN_RATE_LIMIT: String(LOGIN_PER_ACCOUNT),
    },
  });
});
afterAll(() => server.close());

let nextAddress = 1;
/** A fresh client address for each call that should not share an address counter. */
const freshAddress = () => `10.1.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 1}`;

function from(client: TestClient, address: string) {
  return {
    login: (login: string, password = 'demo') =>
      client.raw('POST', api.login.path, { login, password }, { 'x-forwarded-for': address }),
    upload: (path: string, contentType: string, bytes = new Uint8Array(16)) =>
      fetch(server.url + path, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'x-forwarded-for': address,
          ...(client.cookie ? { cookie: client.cookie, [CSRF_HEADER]: client.csrf } : {}),
        },
        body: bytes,
      }),
  };
}

const EVIDENCE_PATH = `/api/sessions/not-a-session/evidence/camera/0?sha256=${'0'.repeat(64)}&startedAt=1&durationMs=1000`;
const FILE_PATH = '/api/sessions/not-a-session/files?kind=attachment&name=a.pdf';

async function loggedIn(login: string): Promise<TestClient> {
  const c = new TestClient(server.url);
  const r = await from(c, freshAddress()).login(login);
  expect(r.status).toBe(200);
  return c;
}

/** The refusal a person (or client) can act on: which limit, and when to try again. */
async function expectRefusal(res: Response, per: 'account' | 'address', limit: number) {
  expect(res.status).toBe(429);
  const body = (await res.json()) as Record<string, any>;
  expect(body).toMatchObject({
    error: 'rate-limited',
    limit: { max: limit, windowSeconds: 60, per },
  });
  expect(body.retryAfterMs).toBeGreaterThan(0);
  expect(body.retryAfterMs).toBeLessThanOrEqual(60_000);
  expect(Number(res.headers.get('retry-after'))).toBe(Math.ceil(body.retryAfterMs / 1000));
  expect(body.message).toContain(`per ${per}`);
}

function asResponse(r: { status: number; body: unknown; headers: Headers }): Response {
  return new Response(JSON.stringify(r.body), { status: r.status, headers: r.headers });
}

describe('logging in', () => {
  it('one login name tried from many addresses waits, even with the right password', async () => {
    const limit = max(LOGIN_PER_ACCOUNT);
    for (let i = 0; i < limit; i++) {
      const r = await from(new TestClient(server.url), freshAddress()).login('student2', 'bad');
      expect(r.status).toBe(401);
    }
    const blocked = await from(new TestClient(server.url), freshAddress()).login('STUDENT2');
    await expectRefusal(asResponse(blocked), 'account', limit);
  });

  it('one address trying many login names waits; another address does not', async () => {
    const limit = max(limits.login.perAddress);
    const address = freshAddress();
    for (let i = 0; i < limit; i++) {
      const r = await from(new TestClient(server.url), address).login(`nobody${i}`, 'bad');
      expect(r.status).toBe(401);
    }
    const blocked = await from(new TestClient(server.url), address).login('student4');
    await expectRefusal(asResponse(blocked), 'address', limit);
    expect((await from(new TestClient(server.url), freshAddress()).login('student4')).status).toBe(
      200,
    );
  });
});

describe('evidence uploads (segments and snapshots)', () => {
  it('are counted per account, whatever the address, before the body is looked at', async () => {
    const student = await loggedIn('student1');
    const limit = max(limits.evidence.perAccount);
    for (let i = 0; i < limit; i++) {
      const r = await from(student, freshAddress()).upload(EVIDENCE_PATH, 'video/webm');
      expect(r.status).not.toBe(429);
    }
    await expectRefusal(
      await from(student, freshAddress()).upload(EVIDENCE_PATH, 'video/webm'),
      'account',
      limit,
    );
  });

  it('are counted per address, logged in or not', async () => {
    const limit = max(limits.evidence.perAddress);
    const address = freshAddress();
    const anonymous = from(new TestClient(server.url), address);
    for (let i = 0; i < limit; i++) {
      expect((await anonymous.upload(EVIDENCE_PATH, 'video/webm')).status).toBe(401);
    }
    const student = await loggedIn('student3');
    await expectRefusal(
      await from(student, address).upload(EVIDENCE_PATH, 'image/jpeg'),
      'address',
      limit,
    );
  });
});

describe('file uploads (photos, attachments, task files, the speed test)', () => {
  it('are counted per account across every file route', async () => {
    const student = await loggedIn('student5');
    const limit = max(limits.files.perAccount);
    for (let i = 0; i < limit; i++) {
      const r = await from(student, freshAddress()).upload(FILE_PATH, 'application/pdf');
      expect(r.status).not.toBe(429);
    }
    await expectRefusal(
      await from(student, freshAddress()).upload(api.speedTest.path, 'application/octet-stream'),
      'account',
      limit,
    );
  });

  it('are counted per address', async () => {
    const limit = max(limits.files.perAddress);
    const address = freshAddress();
    const anonymous = from(new TestClient(server.url), address);
    for (let i = 0; i < limit; i++) {
      expect((await anonymous.upload(FILE_PATH, 'image/jpeg')).status).toBe(401);
    }
    await expectRefusal(
      await anonymous.upload('/api/exams/x/task-files?name=a.pdf', 'application/pdf'),
      'address',
      limit,
    );
  });
});

function connect(url: string, cookie: string, address: string): Promise<Socket> {
  const socket = io(url, {
    extraHeaders: { cookie, 'x-forwarded-for': address },
    transports: ['websocket'],
  });
  return new Promise((resolve) => socket.once(SOCKET_EVENT, () => resolve(socket)));
}

describe('socket messages', () => {
  it('are counted per account, both events; the refusal is typed and says when to send again', async () => {
    const student = await loggedIn('student1');
    const limit = max(limits.socket.perAccount);
    const socket = await connect(server.url, student.cookie, freshAddress());
    try {
      for (let i = 0; i < limit; i++) {
        expect(await socket.emitWithAck(SOCKET_EVENT, { type: 'ping', at: 1 })).toEqual({
          ok: true,
        });
      }
      const refused = await socket.emitWithAck(ORAL_SOCKET_EVENT, {
        type: 'oral-watch',
        slotId: 'x',
      });
      expect(refused).toMatchObject({ ok: false, reason: 'rate-limited' });
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
      expect(refused.message).toContain('per account');
    } finally {
      socket.close();
    }
  });

  it('are counted per address, across accounts', async () => {
    // 1 message a minute per account, 60 per address: 61 accounts behind one address.
    const factor = 0.001;
    const perAddress = scaledLimit(limits.socket.perAddress, factor);
    const s = await startTestServer({
      demo: false,
      env: { TRUST_PROXY: 'true', RATE_LIMIT_FACTOR: String(factor) },
    });
    const { db } = openDatabase({ dataDir: s.dataDir });
    const sockets: Socket[] = [];
    try {
      const now = new Date().toISOString();
      const passwordHash = await hashPassword('unused-password');
      const users = Array.from({ length: perAddress + 1 }, (_, i) => ({
        id: randomUUID(),
        login: `hall${i}`,
        fullName: 'Hall Student',
        email: null,
        group: null,
        language: 'en' as const,
        passwordHash,
        roles: ['student' as const],
      }));
      const repo = new UserRepo(db);
      await repo.create(users, now);
      const auth = new AuthService(repo, new AuthSessionRepo(db), systemClock, 1);
      const acks = [];
      for (const u of users) {
        const started = await auth.startSession(u.id);
        if (!started.ok) throw new Error('no session');
        const socket = await connect(s.url, `emtihan_session=${started.value.token}`, '10.2.0.1');
        sockets.push(socket);
        acks.push(await socket.emitWithAck(SOCKET_EVENT, { type: 'ping', at: 1 }));
      }
      expect(acks.slice(0, perAddress).every((a) => a.ok)).toBe(true);
      expect(acks[perAddress]).toMatchObject({ ok: false, reason: 'rate-limited' });
      expect(acks[perAddress].message).toContain('per address');
    } finally {
      for (const socket of sockets) socket.close();
      await db.destroy();
      await s.close();
    }
  });
});

describe('the RATE_LIMIT_FACTOR knob', () => {
  it('0 turns limiting off, for benches and drills', async () => {
    const off = await startTestServer({
      demo: false,
      env: { RATE_LIMIT_FACTOR: '0', LOGIN_RATE_LIMIT: '1' },
    });
    try {
      for (let i = 0; i < 3; i++) {
        const r = await new TestClient(off.url).call('login', {
          body: { login: 'student1', password: 'bad' },
        });
        expect(r.status).toBe(401);
      }
    } finally {
      await off.close();
    }
  });
});

describe('several nodes', () => {
  it('share their counters through Redis: attempts on node A count on node B', async () => {
    const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const a = await startTestServer({ env: { REDIS_URL, LOGIN_RATE_LIMIT: '2' } });
    const b = await startTestServer({
      dataDir: a.dataDir,
      demo: false,
      env: { REDIS_URL, LOGIN_RATE_LIMIT: '2' },
    });
    try {
      const attempt = (node: TestServer) =>
        new TestClient(node.url).call('login', { body: { login: 'student1', password: 'bad' } });
      expect((await attempt(a)).status).toBe(401);
      expect((await attempt(b)).status).toBe(401);
      const third = await attempt(a);
      expect(third.status).toBe(429);
      expect(third.body).toMatchObject({ limit: { max: 2, per: 'account' } });
    } finally {
      await b.close({ keepData: true });
      await a.close();
    }
  });
});
