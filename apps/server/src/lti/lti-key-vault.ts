// The tool's private keys at rest: AES-256-GCM with a key derived (HKDF-SHA256) from
// LTI_KEY_SECRET, or from a random secret generated once in DATA_DIR/lti-key-secret when the
// variable is unset. A stored value reads `enc:v1:<iv>:<tag>:<ciphertext>` (base64url); a row
// written before encryption (plain JWK JSON) is still read, and `LtiKeyService.sealPlainKeys`
// rewrites it encrypted at start.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const PREFIX = 'enc:v1:';
export const KEY_SECRET_FILE = 'lti-key-secret';

export class LtiKeyVault {
  private constructor(private readonly key: Buffer) {}

  /** From a secret (at least 16 characters). */
  static fromSecret(secret: string): LtiKeyVault {
    const key = Buffer.from(
      hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'emtihan-lti-keys', 'aes-256-gcm v1', 32),
    );
    return new LtiKeyVault(key);
  }

  /** LTI_KEY_SECRET when set, else the secret file under the data folder (created once, 0600). */
  static fromConfig(c: { LTI_KEY_SECRET?: string | undefined; dataDir: string }): LtiKeyVault {
    if (c.LTI_KEY_SECRET) return LtiKeyVault.fromSecret(c.LTI_KEY_SECRET);
    const file = path.join(c.dataDir, KEY_SECRET_FILE);
    fs.mkdirSync(c.dataDir, { recursive: true });
    try {
      // 'wx': of two processes starting together, one creates it and the other reads it.
      fs.writeFileSync(file, randomBytes(32).toString('base64url') + '\n', {
        flag: 'wx',
        mode: 0o600,
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    return LtiKeyVault.fromSecret(fs.readFileSync(file, 'utf8').trim());
  }

  static isSealed(stored: string): boolean {
    return stored.startsWith(PREFIX);
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const b = (x: Buffer) => x.toString('base64url');
    return `${PREFIX}${b(iv)}:${b(cipher.getAuthTag())}:${b(ct)}`;
  }

  open(stored: string): string {
    if (!LtiKeyVault.isSealed(stored)) return stored;
    const [iv, tag, ct] = stored.slice(PREFIX.length).split(':');
    try {
      const d = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv!, 'base64url'));
      d.setAuthTag(Buffer.from(tag!, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(ct!, 'base64url')), d.final()]).toString('utf8');
    } catch {
      throw new Error(
        'cannot decrypt the LTI tool key: LTI_KEY_SECRET (or DATA_DIR/lti-key-secret) is not the one it was encrypted with',
      );
    }
  }
}
