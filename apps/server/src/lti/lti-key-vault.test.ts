import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_SECRET_FILE, LtiKeyVault } from './lti-key-vault.ts';

const jwk = JSON.stringify({ kty: 'RSA', n: 'abc', e: 'AQAB', d: 'private-exponent' });

describe('the LTI key vault (AES-256-GCM)', () => {
  it('seals a key so the stored text holds no key material, and opens it again', () => {
    const v = LtiKeyVault.fromSecret('a long enough secret');
    const sealed = v.seal(jwk);
    expect(sealed).toMatch(/^enc:v1:/);
    expect(sealed).not.toContain('private-exponent');
    expect(v.seal(jwk)).not.toBe(sealed); // a fresh IV each time
    expect(v.open(sealed)).toBe(jwk);
  });

  it('reads a row stored before encryption as it is', () => {
    expect(LtiKeyVault.fromSecret('a long enough secret').open(jwk)).toBe(jwk);
  });

  it('refuses to open with another secret, or a tampered value, saying what is wrong', () => {
    const sealed = LtiKeyVault.fromSecret('a long enough secret').seal(jwk);
    expect(() => LtiKeyVault.fromSecret('another long secret').open(sealed)).toThrow(
      /LTI_KEY_SECRET/,
    );
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'B' : 'A') + sealed.slice(-1);
    expect(() => LtiKeyVault.fromSecret('a long enough secret').open(tampered)).toThrow();
  });

  it('without LTI_KEY_SECRET generates a secret file once (0600) and keeps using it', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-vault-'));
    try {
      const sealed = LtiKeyVault.fromConfig({ dataDir }).seal(jwk);
      const file = path.join(dataDir, KEY_SECRET_FILE);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(LtiKeyVault.fromConfig({ dataDir }).open(sealed)).toBe(jwk);
      // The variable wins over the file.
      expect(() =>
        LtiKeyVault.fromConfig({ dataDir, LTI_KEY_SECRET: 'set by the operator!' }).open(sealed),
      ).toThrow();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
