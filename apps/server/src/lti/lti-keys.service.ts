// The tool's own RSA keys: generated on first start, rotated on demand. The newest active key
// signs; a rotated-out key stays in the JWKS until its retire time so platforms holding a
// message signed with it (or a cached keyset) keep verifying.
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { LtiPlatformRepo, ToolKey } from '../repositories/lti-platform.repo.ts';
import type { Clock } from '../services/clock.ts';
import { LtiKeyVault } from './lti-key-vault.ts';

export const TOOL_KEY_ALG = 'RS256';

export class LtiKeyService {
  constructor(
    private readonly repo: LtiPlatformRepo,
    private readonly clock: Clock,
    private readonly vault: LtiKeyVault,
  ) {}

  /** Encrypts keys stored in plain text before encryption existed; returns how many. */
  async sealPlainKeys(): Promise<number> {
    let n = 0;
    for (const k of await this.repo.allKeys()) {
      if (LtiKeyVault.isSealed(k.privateJwk)) continue;
      if (await this.repo.replacePrivate(k.kid, k.privateJwk, this.vault.seal(k.privateJwk))) n++;
    }
    return n;
  }

  /** The published keys for the admin screen (no key material). */
  async list(): Promise<
    {
      kid: string;
      createdAt: string;
      retireAt: string | null;
      active: boolean;
      encrypted: boolean;
    }[]
  > {
    const keys = await this.repo.publishedKeys(this.clock.now().toISOString());
    return keys.map((k) => ({
      kid: k.kid,
      createdAt: k.createdAt,
      retireAt: k.retireAt,
      active: k.retireAt === null,
      encrypted: LtiKeyVault.isSealed(k.privateJwk),
    }));
  }

  /** Makes sure an active key exists (first start); returns its kid. */
  async ensureActiveKey(): Promise<string> {
    const active = await this.activeKey();
    return active ? active.kid : this.addKey();
  }

  /** A new key signs from now on; the others stay published for `overlapDays`. */
  async rotate(overlapDays = 7): Promise<{ kid: string; retireAt: string }> {
    const kid = await this.addKey();
    const retireAt = new Date(this.clock.now().getTime() + overlapDays * 86_400_000).toISOString();
    await this.repo.retireAllBut(kid, retireAt);
    return { kid, retireAt };
  }

  /** The public keyset at /lti/jwks. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const keys = await this.repo.publishedKeys(this.clock.now().toISOString());
    return { keys: keys.map((k) => k.publicJwk as JWK) };
  }

  async signingKey(): Promise<{ kid: string; key: CryptoKey }> {
    const active = (await this.activeKey()) ?? (await this.activeKeyAfter(await this.addKey()));
    const jwk = JSON.parse(this.vault.open(active.privateJwk)) as JWK;
    const key = (await importJWK(jwk, TOOL_KEY_ALG)) as CryptoKey;
    return { kid: active.kid, key };
  }

  private async activeKey(): Promise<ToolKey | undefined> {
    const keys = await this.repo.publishedKeys(this.clock.now().toISOString());
    return keys.find((k) => k.retireAt === null);
  }

  private async activeKeyAfter(kid: string): Promise<ToolKey> {
    const keys = await this.repo.publishedKeys(this.clock.now().toISOString());
    const k = keys.find((x) => x.kid === kid);
    if (!k) throw new Error('tool key vanished after creation');
    return k;
  }

  private async addKey(): Promise<string> {
    const { publicKey, privateKey } = await generateKeyPair(TOOL_KEY_ALG, {
      modulusLength: 2048,
      extractable: true,
    });
    const kid = randomUUID();
    const meta = { kid, alg: TOOL_KEY_ALG, use: 'sig' };
    await this.repo.addKey({
      kid,
      privateJwk: this.vault.seal(JSON.stringify({ ...(await exportJWK(privateKey)), ...meta })),
      publicJwk: { ...(await exportJWK(publicKey)), ...meta },
      createdAt: this.clock.now().toISOString(),
    });
    return kid;
  }
}
