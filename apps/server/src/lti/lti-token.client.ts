// OAuth 2 client-credentials tokens from a platform's token URL, authenticated by a JWT signed
// with the tool's key (private_key_jwt), cached per platform and scope until shortly before expiry.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { LtiPlatform } from '../repositories/lti-platform.repo.ts';
import type { Clock } from '../services/clock.ts';
import { TOOL_KEY_ALG, type LtiKeyService } from './lti-keys.service.ts';

export class LtiTokenError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null,
  ) {
    super(message);
  }
}

export class LtiTokenClient {
  private readonly cache = new Map<string, { token: string; until: number }>();

  constructor(
    private readonly keys: LtiKeyService,
    private readonly clock: Clock,
    private readonly fetch: typeof globalThis.fetch = globalThis.fetch,
  ) {}

  forget(platform: LtiPlatform, scope: string) {
    this.cache.delete(`${platform.id} ${scope}`);
  }

  async accessToken(platform: LtiPlatform, scope: string): Promise<string> {
    const cacheKey = `${platform.id} ${scope}`;
    const nowMs = this.clock.now().getTime();
    const cached = this.cache.get(cacheKey);
    if (cached && cached.until > nowMs) return cached.token;
    const { kid, key } = await this.keys.signingKey();
    const iat = Math.floor(nowMs / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: TOOL_KEY_ALG, kid, typ: 'JWT' })
      .setIssuer(platform.clientId)
      .setSubject(platform.clientId)
      .setAudience(platform.tokenUrl)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 300)
      .setJti(randomUUID())
      .sign(key);
    const res = await this.fetch(platform.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
        scope,
      }).toString(),
    });
    const body = (await res.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
    };
    if (!res.ok || !body.access_token)
      throw new LtiTokenError(`token endpoint answered ${res.status}`, res.status);
    const ttl = Math.max(0, (body.expires_in ?? 3600) - 30) * 1000;
    this.cache.set(cacheKey, { token: body.access_token, until: nowMs + ttl });
    return body.access_token;
  }
}
