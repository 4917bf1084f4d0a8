import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthSessionRepo } from '../src/repositories/auth-session.repo.ts';
import { UserRepo } from '../src/repositories/user.repo.ts';
import { AuthService } from '../src/services/auth.service.ts';
import { hashPassword } from '../src/services/password.ts';
import { testDatabases } from './contract/databases.ts';

describe('a login session expires', () => {
  const sqlite = testDatabases.find((d) => d.name === 'sqlite')!;
  let handle: Awaited<ReturnType<typeof sqlite.open>>;
  beforeEach(async () => {
    handle = await sqlite.open();
  });
  afterEach(() => handle.drop());

  it('works until its lifetime is over and not a moment after', async () => {
    let now = new Date('2026-06-01T08:00:00Z');
    const users = new UserRepo(handle.db);
    await users.create(
      [
        {
          id: 'u1',
          login: 'a',
          fullName: 'Aa Bb',
          email: null,
          group: null,
          language: 'kk',
          passwordHash: await hashPassword('pw'),
          roles: ['student'],
        },
      ],
      now.toISOString(),
    );
    const auth = new AuthService(users, new AuthSessionRepo(handle.db), { now: () => now }, 12);
    const r = await auth.login('a', 'pw');
    if (!r.ok) throw new Error('login failed');
    now = new Date('2026-06-01T19:59:59Z');
    expect((await auth.authenticate(r.value.token))?.user.login).toBe('a');
    now = new Date('2026-06-01T20:00:00Z');
    expect(await auth.authenticate(r.value.token)).toBeUndefined();
  });
});
