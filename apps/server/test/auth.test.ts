import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { TestClient } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { LOGIN_RATE_LIMIT: '5' } });
});
afterAll(() => server.close());

describe('logging in and out', () => {
  it('a demo student logs in, gets an HttpOnly SameSite session cookie and sees who they are', async () => {
    const c = new TestClient(server.url);
    const r = await c.login('student1');
    expect(r.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(r.headers.get('set-cookie')).toMatch(/SameSite=Lax/);
    const me = await c.call('me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({
      login: 'student1',
      roles: ['student'],
      fullName: 'Әлібекова Аружан Қайратқызы',
    });
  });

  it('"who am I" answers a logged-out visitor with no user rather than an error, and a logged-in one with their account', async () => {
    const c = new TestClient(server.url);
    const anonymous = await c.call('whoAmI');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ user: null, csrfToken: null });
    await c.login('proctor1');
    const known = await c.call('whoAmI');
    expect(known.status).toBe(200);
    expect(known.body.user).toMatchObject({ login: 'proctor1', roles: ['proctor'] });
    expect(known.body.csrfToken).toEqual((await c.call('me')).body.csrfToken);
    expect((await new TestClient(server.url).call('me')).status).toBe(401);
  });

  it('a wrong password and an unknown login get the same generic message', async () => {
    const wrong = await new TestClient(server.url).call('login', {
      body: { login: 'student2', password: 'nope' },
    });
    const unknown = await new TestClient(server.url).call('login', {
      body: { login: 'nobody', password: 'nope' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error).toBe('invalid-credentials');
  });

  it('after logout the cookie no longer opens anything', async () => {
    const c = new TestClient(server.url);
    await c.login('student3');
    const cookie = c.cookie;
    expect((await c.call('logout')).status).toBe(200);
    c.cookie = cookie;
    expect((await c.call('me')).status).toBe(401);
  });

  it('a change without the CSRF token is refused and changes nothing', async () => {
    const c = new TestClient(server.url);
    await c.login('student4');
    const r = await c.raw('PATCH', '/api/me', { language: 'en' }, { 'x-csrf-token': 'forged' });
    expect(r.status).toBe(403);
    expect(r.body.error).toBe('csrf');
    expect((await c.call('me')).body.user.language).toBe('kk');
    expect((await c.call('updateMe', { body: { language: 'en' } })).body.user.language).toBe('en');
  });

  it('an admin revokes a student’s sessions: the student’s socket is told and the cookie stops working', async () => {
    const student = new TestClient(server.url);
    await student.login('student5');
    const socket = io(server.url, {
      extraHeaders: { cookie: student.cookie },
      transports: ['websocket'],
    });
    const hello = new Promise<unknown>((resolve) => socket.once('msg', resolve));
    expect(await hello).toMatchObject({ type: 'hello', protocolVersion: 1 });
    const revoked = new Promise<unknown>((resolve) => socket.once('msg', resolve));

    const admin = new TestClient(server.url);
    await admin.login('admin');
    const id = (await student.call('me')).body.user.id as string;
    const r = await admin.call('revokeUserSessions', { params: { userId: id } });
    expect(r.body.revoked).toBeGreaterThanOrEqual(1);
    expect(await revoked).toEqual({ type: 'session-revoked' });
    expect((await student.call('me')).status).toBe(401);
    socket.close();
  });

  it('a socket without a session is refused', async () => {
    const socket = io(server.url, { transports: ['websocket'], reconnection: false });
    const err = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(err.message).toBe('unauthenticated');
    socket.close();
  });

  it('a deactivated account cannot log in and loses its open sessions', async () => {
    const admin = new TestClient(server.url);
    await admin.login('admin');
    const created = await admin.call('createUser', {
      body: { login: 'leaver', fullName: 'Қуаныш Ұлан', roles: ['student'], password: 'secret1' },
    });
    const user = new TestClient(server.url);
    await user.login('leaver', 'secret1');
    await admin.call('updateUser', {
      params: { userId: created.body.id },
      body: { active: false },
    });
    expect((await user.call('me')).status).toBe(401);
    const again = await new TestClient(server.url).call('login', {
      body: { login: 'leaver', password: 'secret1' },
    });
    expect(again.status).toBe(401);
  });
});

describe('the login rate limiter', () => {
  it('after too many attempts from one address even the right password waits', async () => {
    const s = await startTestServer({ env: { LOGIN_RATE_LIMIT: '3' } });
    try {
      const c = new TestClient(s.url);
      for (let i = 0; i < 3; i++) {
        expect(
          (await c.call('login', { body: { login: 'student1', password: 'bad' } })).status,
        ).toBe(401);
      }
      const blocked = await c.call('login', { body: { login: 'student1', password: 'demo' } });
      expect(blocked.status).toBe(429);
      expect(blocked.body.error).toBe('rate-limited');
    } finally {
      await s.close();
    }
  });
});
