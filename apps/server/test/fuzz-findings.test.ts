// What the fuzzer (`npm run fuzz`, ADR 0020) found, each input replayed against the real server:
// every one of them was a 500 or a broken invariant before its fix.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
let admin: TestClient;
beforeAll(async () => {
  server = await startTestServer();
  admin = new TestClient(server.url);
  await admin.login('admin');
});
afterAll(() => server.close());

describe('inputs the fuzzer found', () => {
  it('a role named twice in a new account is kept once', async () => {
    const r = await admin.call('createUser', {
      body: {
        login: 'twice',
        fullName: 'Екі Рөл',
        email: null,
        group: null,
        roles: ['student', 'accommodations', 'student'],
        password: 'pass12',
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.roles).toEqual(['student', 'accommodations']);
    const edited = await admin.call('updateUser', {
      params: { userId: r.body.id },
      body: { roles: ['proctor', 'proctor'] },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.roles).toEqual(['proctor']);
  });

  it('a JSON endpoint sent other bytes (text/plain) refuses them in one short answer', async () => {
    // Before: the bytes reached the schema as an object with one unknown field per byte, and the
    // 400 listed each (450 bytes per byte sent: 400 kB made a 187 MB answer and 33 s of CPU).
    const r = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ login: 'student1', password: '\u0000'.repeat(100_000) }),
    });
    const text = await r.text();
    expect(r.status).toBe(415);
    expect(JSON.parse(text)).toMatchObject({ error: 'unsupported-media-type' });
    expect(text.length).toBeLessThan(1000);
    // Nor is a JSON endpoint's body read past the server's limit because of an upload's type.
    const big = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg' },
      body: new Uint8Array(5 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
  });

  it('a body with thousands of unknown fields gets a 400 naming the first few', async () => {
    const body = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]));
    const r = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'student1', password: 'demo', ...body }),
    });
    const text = await r.text();
    expect(r.status).toBe(400);
    const error = JSON.parse(text) as { issues: { path: string }[]; message: string };
    expect(error.issues[0]!.path).toBe('body.k0');
    expect(error.issues.length).toBeLessThanOrEqual(20);
    expect(error.message).toMatch(/and 19980 more/);
    expect(text.length).toBeLessThan(5000);
  });

  // PostgreSQL cannot store U+0000 in text: each of these was a 500 there (and the socket
  // messages an unhandled rejection without an answer). Refused alike on both databases.
  it('text with a NUL character is refused naming the field, in a body, a path and a socket message', async () => {
    const course = await admin.call('createCourse', {
      body: { code: 'NUL\u0000', title: 'Null' },
    });
    expect(course.status).toBe(400);
    expect(course.body.issues).toEqual([
      { path: 'body.code', message: 'may not contain the NUL character (U+0000)' },
    ]);
    expect((await admin.call('listCourses')).body.courses).not.toContainEqual(
      expect.objectContaining({ title: 'Null' }),
    );
    const path = await admin.raw('GET', '/api/sessions/%00/identity-match');
    expect(path.status).toBe(400);
    expect(path.body.issues[0].path).toBe('params.sessionId');

    const socket = io(server.url, {
      extraHeaders: { cookie: admin.cookie },
      transports: ['websocket'],
    });
    await new Promise((resolve) => socket.once('msg', resolve));
    for (const [event, message] of [
      ['msg', { type: 'rtc-publish', sessionId: '\u0000' }],
      ['oral', { type: 'oral-watch', slotId: 'a\u0000' }],
    ] as const) {
      expect(await socket.emitWithAck(event, message)).toMatchObject({
        ok: false,
        reason: 'invalid-message',
      });
    }
    socket.disconnect();
  });
});
