// Long-lived login sessions (ADR 0022): a new token on every login with the browser's old one
// ended, "log out everywhere" for the person themselves, and the cookie's flags.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { SOCKET_EVENT } from '@emtihan/protocol';
import { AuthSessionRepo } from '../src/repositories/auth-session.repo.ts';
import { UserRepo } from '../src/repositories/user.repo.ts';
import { AuthService } from '../src/services/auth.service.ts';
import { systemClock } from '../src/services/clock.ts';
import { TestClient } from './client.ts';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** The session cookie's attributes, lower-cased, from a Set-Cookie header. */
function cookieAttributes(setCookie: string | null): Map<string, string> {
  expect(setCookie).toMatch(/^emtihan_session=/);
  const [, ...attrs] = setCookie!.split(';').map((p) => p.trim());
  return new Map(
    attrs.map((a) => {
      const [k, ...v] = a.split('=');
      return [k!.toLowerCase(), v.join('=')];
    }),
  );
}

describe('session rotation on login', () => {
  it('every login gives a new token and ends the one the browser held before', async () => {
    const c = new TestClient(server.url);
    await c.login('student1');
    const first = c.cookie;
    await c.login('student1');
    const second = c.cookie;
    expect(second).not.toBe(first);
    expect((await c.call('me')).status).toBe(200);
    c.cookie = first;
    expect((await c.call('me')).status).toBe(401);
  });

  it("a different person logging in on the same browser ends the previous person's session", async () => {
    const c = new TestClient(server.url);
    await c.login('student2');
    const before = c.cookie;
    await c.login('proctor1');
    expect((await c.call('me')).body.user).toMatchObject({ login: 'proctor1' });
    c.cookie = before;
    expect((await c.call('me')).status).toBe(401);
  });

  it('a failed login leaves the session the browser holds as it was', async () => {
    const c = new TestClient(server.url);
    await c.login('student3');
    const held = c.cookie;
    const failed = await c.call('login', { body: { login: 'student3', password: 'wrong' } });
    expect(failed.status).toBe(401);
    c.cookie = held;
    expect((await c.call('me')).status).toBe(200);
  });
});

describe('log out everywhere', () => {
  it("ends every session of the person on every device, tells their open pages, and nobody else's", async () => {
    const laptop = new TestClient(server.url);
    const phone = new TestClient(server.url);
    const other = new TestClient(server.url);
    await laptop.login('student4');
    await phone.login('student4');
    await other.login('student5');
    const socket = io(server.url, {
      extraHeaders: { cookie: phone.cookie },
      transports: ['websocket'],
    });
    await new Promise((resolve) => socket.once(SOCKET_EVENT, resolve));
    const told = new Promise((resolve) =>
      socket.on(SOCKET_EVENT, (m: { type: string }) => m.type === 'session-revoked' && resolve(m)),
    );
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));

    const held = laptop.cookie;
    const r = await laptop.call('logoutEverywhere');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ revoked: 2 });
    // The cookie is cleared on the device that asked.
    expect(r.headers.get('set-cookie')).toMatch(/^emtihan_session=;/);
    expect(await told).toEqual({ type: 'session-revoked', by: 'self' });
    await dropped;
    laptop.cookie = held;
    expect((await laptop.call('me')).status).toBe(401);
    expect((await phone.call('me')).status).toBe(401);
    expect((await other.call('me')).status).toBe(200);
    socket.close();
  });

  it('needs the CSRF token and a login', async () => {
    const c = new TestClient(server.url);
    expect((await c.call('logoutEverywhere')).status).toBe(401);
    await c.login('examiner1');
    c.csrf = '';
    const forged = await c.call('logoutEverywhere');
    expect(forged.status).toBe(403);
    expect(forged.body.error).toBe('csrf');
    expect((await c.call('me')).status).toBe(200);
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax, for the whole site, for this host only, expiring with the session; not Secure over plain HTTP', async () => {
    const r = await new TestClient(server.url).login('student1');
    const a = cookieAttributes(r.headers.get('set-cookie'));
    expect(a.has('httponly')).toBe(true);
    expect(a.get('samesite')).toBe('Lax');
    expect(a.get('path')).toBe('/');
    expect(a.has('domain')).toBe(false);
    expect(a.has('secure')).toBe(false);
    const expires = Date.parse(a.get('expires')!);
    // SESSION_TTL_HOURS (12 h by default), give or take the request's own second.
    expect(Math.abs(expires - (Date.now() + 12 * 3600_000))).toBeLessThan(5 * 60_000);
  });

  it('is Secure behind a TLS proxy when TRUST_PROXY is on, and only then', async () => {
    const behindProxy = await startTestServer({ demo: true, env: { TRUST_PROXY: 'true' } });
    try {
      const tls = await new TestClient(behindProxy.url).raw(
        'POST',
        '/api/auth/login',
        { login: 'student1', password: 'demo' },
        { 'x-forwarded-proto': 'https' },
      );
      expect(tls.status).toBe(200);
      const a = cookieAttributes(tls.headers.get('set-cookie'));
      expect(a.has('secure')).toBe(true);
      expect(a.has('httponly')).toBe(true);
      expect(a.get('samesite')).toBe('Lax');
      expect(a.get('path')).toBe('/');
      expect(a.has('domain')).toBe(false);
    } finally {
      await behindProxy.close();
    }
    // Without TRUST_PROXY the header is anyone's to send: not believed.
    const forged = await new TestClient(server.url).raw(
      'POST',
      '/api/auth/login',
      { login: 'student2', password: 'demo' },
      { 'x-forwarded-proto': 'https' },
    );
    expect(cookieAttributes(forged.headers.get('set-cookie')).has('secure')).toBe(false);
  });

  it('answers about the person are never kept by a cache', async () => {
    const c = new TestClient(server.url);
    const r = await c.login('student4');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect((await c.call('me')).headers.get('cache-control')).toBe('no-store');
  });

  it('is cleared on logout with the same path and flags', async () => {
    const c = new TestClient(server.url);
    await c.login('student3');
    const r = await c.call('logout');
    const a = cookieAttributes(r.headers.get('set-cookie'));
    expect(r.headers.get('set-cookie')).toMatch(/^emtihan_session=;/);
    expect(a.get('path')).toBe('/');
    expect(a.has('httponly')).toBe(true);
    expect(a.get('samesite')).toBe('Lax');
    expect(Date.parse(a.get('expires')!)).toBeLessThanOrEqual(Date.now());
  });
});

describe('expired sessions', () => {
  it('are deleted, live ones kept', async () => {
    const c = new TestClient(server.url);
    const me = await c.login('examiner1');
    const sessions = new AuthSessionRepo(server.db);
    const past = new Date(Date.now() - 3600_000).toISOString();
    await sessions.create(
      { id: 'expired-session', userId: me.body.user.id, csrfToken: 'x', expiresAt: past },
      past,
    );
    const auth = new AuthService(new UserRepo(server.db), sessions, systemClock, 12);
    expect(await auth.purgeExpired()).toBeGreaterThanOrEqual(1);
    const left = await server.db
      .selectFrom('auth_sessions')
      .select('id')
      .where('expires_at', '<=', new Date().toISOString())
      .execute();
    expect(left).toEqual([]);
    expect((await c.call('me')).status).toBe(200);
  });
});
