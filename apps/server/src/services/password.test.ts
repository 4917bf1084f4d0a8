import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const h = await hashPassword('Сәлем-123');
    expect(h.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('Сәлем-123', h)).toBe(true);
    expect(await verifyPassword('сәлем-123', h)).toBe(false);
  });

  it('salts: the same password hashes differently twice', async () => {
    expect(await hashPassword('demo')).not.toBe(await hashPassword('demo'));
  });

  it('no password matches the dummy hash used for unknown logins', async () => {
    expect(await verifyPassword('demo', DUMMY_HASH)).toBe(false);
    expect(await verifyPassword('demo', 'garbage')).toBe(false);
  });
});
