import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from './client.ts';
import { TEST_PG_URL, withSchemaLock } from './contract/databases.ts';
import { startTestServer, type TestServer } from './harness.ts';

describe('operations', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: { TRUST_PROXY: 'true', FRAME_ANCESTORS: "'self' https://moodle.example.kz" },
    });
  });
  afterAll(() => server.close());

  it('answers /healthz and, with its database reachable, /readyz', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('sends a content security policy with the configured frame ancestors, and HSTS only behind TLS', async () => {
    const plain = await fetch(`${server.url}/api/public-config`);
    expect(plain.headers.get('content-security-policy')).toContain(
      "frame-ancestors 'self' https://moodle.example.kz",
    );
    expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const tls = await fetch(`${server.url}/api/public-config`, {
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(tls.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('tells every visitor the support contact and, in demo mode, the demo accounts', async () => {
    const cfg = (await (await fetch(`${server.url}/api/public-config`)).json()) as any;
    expect(cfg.support).toEqual({ phone: '+7 700 000 00 00', email: 'support@example.edu.kz' });
    expect(cfg.demoAccounts.map((a: { login: string }) => a.login)).toEqual([
      'student1',
      'student2',
      'student3',
      'student4',
      'student5',
      'proctor1',
      'examiner1',
      'admin',
      'office1',
    ]);
  });

  it('an unknown API path is a JSON 404', async () => {
    const r = await fetch(`${server.url}/api/nothing-here`);
    expect(r.status).toBe(404);
    expect(((await r.json()) as any).error).toBe('not-found');
  });
});

describe('demo switched off', () => {
  it('an empty database stays empty and the login page lists no accounts', async () => {
    const s = await startTestServer({ demo: false });
    try {
      const cfg = (await (await fetch(`${s.url}/api/public-config`)).json()) as any;
      expect(cfg).toMatchObject({ demo: false, demoAccounts: [] });
      const r = await new TestClient(s.url).call('login', {
        body: { login: 'admin', password: 'demo' },
      });
      expect(r.status).toBe(401);
    } finally {
      await s.close();
    }
  });
});

describe('the same server on PostgreSQL', () => {
  const schema = `srv_${randomBytes(5).toString('hex')}`;
  afterAll(async () => {
    await withSchemaLock(async () => {
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    });
  });

  it('migrates, seeds the demo, lets the admin log in and survives a restart without seeding twice', async () => {
    const env = { DATABASE_URL: TEST_PG_URL, DATABASE_SCHEMA: schema };
    // Each start migrates the schema: under the test server's schema lock.
    const first = await withSchemaLock(() => startTestServer({ env }));
    const admin = new TestClient(first.url);
    await admin.login('admin');
    const count = (await admin.call('listUsers')).body.users.length;
    expect(count).toBe(9);
    await first.close();

    const second = await withSchemaLock(() => startTestServer({ env }));
    try {
      const again = new TestClient(second.url);
      await again.login('admin');
      expect((await again.call('listUsers')).body.users.length).toBe(count);
    } finally {
      await second.close();
    }
  });
});

describe('system check upload', () => {
  it('accepts raw bytes from a logged-in student and says how many arrived; refuses JSON and strangers', async () => {
    const s = await startTestServer();
    try {
      const c = new TestClient(s.url);
      await c.login('student1');
      const bytes = new Uint8Array(256 * 1024);
      const r = await fetch(`${s.url}/api/system-check/upload`, {
        method: 'POST',
        headers: {
          'content-type': 'application/octet-stream',
          cookie: c.cookie,
          'x-csrf-token': c.csrf,
        },
        body: bytes,
      });
      expect(r.status).toBe(200);
      expect(((await r.json()) as any).bytes).toBe(256 * 1024);
      const json = await c.raw('POST', '/api/system-check/upload', { x: 1 });
      expect(json.status).toBe(415);
      const anon = await fetch(`${s.url}/api/system-check/upload`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: bytes,
      });
      expect(anon.status).toBe(401);
    } finally {
      await s.close();
    }
  });
});

describe('serving the web app', () => {
  it('answers a client route with index.html, serves assets, keeps API 404s as JSON', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-dist-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Emtihan</title>');
    fs.mkdirSync(path.join(dist, 'assets'));
    const s = await startTestServer({ env: { WEB_DIST: dist } });
    try {
      for (const page of ['/', '/student', '/admin/users']) {
        const r = await fetch(s.url + page);
        expect(r.status).toBe(200);
        expect(await r.text()).toContain('<title>Emtihan</title>');
      }
      // Written after start: a rebuilt app is served without a restart.
      fs.writeFileSync(path.join(dist, 'assets', 'app-1.js'), 'console.log(1)');
      const asset = await fetch(`${s.url}/assets/app-1.js`);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      const api = await fetch(`${s.url}/api/nothing`);
      expect(api.status).toBe(404);
      expect(((await api.json()) as any).error).toBe('not-found');
    } finally {
      await s.close();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });
});
