// What the fuzzer (`npm run fuzz`, ADR 0020) found, each input replayed against the real server:
// every one of them was a 500 or a broken invariant before its fix.
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
});
