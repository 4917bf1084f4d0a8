// Registration: the command an admin runs, the keyset Moodle fetches, key rotation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { runLtiCli } from '../../src/lti-cli.ts';
import { LtiKeyService } from '../../src/lti/lti-keys.service.ts';
import { TestClient } from '../client.ts';
import { LtiPlatformRepo } from '../../src/repositories/lti-platform.repo.ts';
import { systemClock } from '../../src/services/clock.ts';
import { startLtiWorld, type LtiWorld } from './lti-world.ts';

let w: LtiWorld;
beforeAll(async () => {
  w = await startLtiWorld();
});
afterAll(() => w.close());

const jwks = async () =>
  (await (await fetch(`${w.publicUrl}/lti/jwks`)).json()) as { keys: Record<string, unknown>[] };
const cli = async (...args: string[]) => {
  const out: string[] = [];
  const code = await runLtiCli(
    args,
    loadConfig({ DATA_DIR: w.server.dataDir, PUBLIC_URL: w.publicUrl }),
    (l) => out.push(l),
  );
  return { code, out: out.join('\n') };
};

describe('registering Emtihan in Moodle', () => {
  it('add-platform prints every URL the Moodle admin pastes into the External tool form', () => {
    const out = w.cliOutput.join('\n');
    for (const line of [
      `Tool URL:                    ${w.publicUrl}/lti/launch`,
      `Initiate login URL:          ${w.publicUrl}/lti/login`,
      `Public keyset (keyset URL):  ${w.publicUrl}/lti/jwks`,
      `Redirection URI(s):          ${w.publicUrl}/lti/launch`,
      `                             ${w.publicUrl}/lti/deep-link`,
      `Content Selection URL:       ${w.publicUrl}/lti/deep-link`,
    ])
      expect(out).toContain(line);
  });

  it('adding the same platform again adds its new deployment instead of a second platform', async () => {
    const m = w.moodle;
    const r = await cli(
      'add-platform',
      ...['--issuer', m.issuer, '--client-id', m.clientId, '--deployment-id', '8'],
      ...['--auth-url', m.authUrl, '--token-url', m.tokenUrl, '--jwks-url', m.jwksUrl],
    );
    expect(r.code).toBe(0);
    const platforms = await new LtiPlatformRepo(w.db).list();
    expect(platforms.map((p) => p.deploymentIds)).toEqual([[m.deploymentId, '8']]);
  });

  it('a command with a missing or malformed option says what is wrong and changes nothing', async () => {
    const r = await cli('add-platform', '--issuer', 'not a url', '--client-id', 'x');
    expect(r.code).toBe(2);
    expect(r.out).toContain('--issuer must be an http(s) URL');
    expect(await new LtiPlatformRepo(w.db).list()).toHaveLength(1);
    expect((await cli('frobnicate')).out).toContain('unknown command frobnicate');
  });

  it('publishes one public RS256 key, without its private part', async () => {
    const { keys } = await jwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
    expect(typeof keys[0]!.kid).toBe('string');
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi'])
      expect(keys[0]).not.toHaveProperty(secret);
  });

  it('after rotation the new key signs and the old one stays published until it retires', async () => {
    const [old] = (await jwks()).keys;
    const r = await cli('rotate-key', '--overlap-days', '7');
    expect(r.code).toBe(0);
    const newKid = /New signing key (\S+);/.exec(r.out)![1];
    const kids = (await jwks()).keys.map((k) => k.kid);
    expect(kids).toEqual([newKid, old!.kid]);
    const repo = new LtiPlatformRepo(w.db);
    const inEightDays = new Date(Date.now() + 8 * 86_400_000).toISOString();
    expect((await repo.publishedKeys(inEightDays)).map((k) => k.kid)).toEqual([newKid]);
    expect((await new LtiKeyService(repo, systemClock, w.vault).signingKey()).kid).toBe(newKid);
  });
});

describe('the tool keys at rest', () => {
  it('are stored encrypted; a key written in plain text before is encrypted and still signs', async () => {
    const rows = await w.db.selectFrom('lti_tool_keys').select(['kid', 'private_jwk']).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.private_jwk).toMatch(/^enc:v1:/);
      expect(r.private_jwk).not.toContain('"d"');
    }
    // A row from before encryption (plain JWK JSON) becomes encrypted by the start-up migration.
    const repo = new LtiPlatformRepo(w.db);
    const keys = new LtiKeyService(repo, systemClock, w.vault);
    const active = (await keys.signingKey()).kid;
    const sealed = rows.find((r) => r.kid === active)!.private_jwk;
    const plain = w.vault.open(sealed);
    await w.db
      .updateTable('lti_tool_keys')
      .set({ private_jwk: plain })
      .where('kid', '=', active)
      .execute();
    expect((await w.admin.call('listLtiKeys')).body.keys).toContainEqual(
      expect.objectContaining({ kid: active, active: true, encrypted: false }),
    );
    expect(await keys.sealPlainKeys()).toBe(1);
    const now = await w.db
      .selectFrom('lti_tool_keys')
      .select('private_jwk')
      .where('kid', '=', active)
      .executeTakeFirstOrThrow();
    expect(now.private_jwk).toMatch(/^enc:v1:/);
    expect(w.vault.open(now.private_jwk)).toBe(plain);
    expect((await keys.signingKey()).kid).toBe(active);
    expect(await keys.sealPlainKeys()).toBe(0);
  });

  it('the admin rotates the key from the API; the old key stays published', async () => {
    const before = (await w.admin.call('listLtiKeys')).body.keys as { kid: string }[];
    const r = await w.admin.call('rotateLtiKey', { body: { overlapDays: 3 } });
    expect(r.status).toBe(200);
    const after = r.body.keys as { kid: string; active: boolean; retireAt: string | null }[];
    expect(after).toHaveLength(before.length + 1);
    expect(after.filter((k) => k.active)).toHaveLength(1);
    expect(after.filter((k) => !k.active).every((k) => k.retireAt !== null)).toBe(true);
    const student = new TestClient(w.server.url);
    await student.login('student1');
    expect((await student.call('rotateLtiKey', { body: {} })).status).toBe(403);
  });
});

describe('the admin screen API for platforms', () => {
  it('lists registered platforms with the URLs to paste into the LMS, and registers another', async () => {
    const list = await w.admin.call('listLtiPlatforms');
    expect(list.status).toBe(200);
    expect(list.body.tool).toEqual({
      toolUrl: `${w.publicUrl}/lti/launch`,
      loginUrl: `${w.publicUrl}/lti/login`,
      redirectUris: [`${w.publicUrl}/lti/launch`, `${w.publicUrl}/lti/deep-link`],
      jwksUrl: `${w.publicUrl}/lti/jwks`,
      deepLinkUrl: `${w.publicUrl}/lti/deep-link`,
    });
    expect(list.body.platforms.map((p: { issuer: string }) => p.issuer)).toEqual([w.moodle.issuer]);
    const body = {
      issuer: 'https://canvas.example.kz',
      clientId: '10000000000001',
      deploymentId: '1:abc',
      authUrl: 'https://canvas.example.kz/api/lti/authorize_redirect',
      tokenUrl: 'https://canvas.example.kz/login/oauth2/token',
      jwksUrl: 'https://canvas.example.kz/api/lti/security/jwks',
    };
    const added = await w.admin.call('addLtiPlatform', { body });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ issuer: body.issuer, deploymentIds: ['1:abc'] });
    expect((await w.admin.call('listLtiPlatforms')).body.platforms).toHaveLength(2);
  });

  it('refuses a platform whose URLs are not http(s), naming the field', async () => {
    const r = await w.admin.call('addLtiPlatform', {
      body: {
        issuer: 'javascript:alert(1)',
        clientId: 'x',
        deploymentId: '1',
        authUrl: 'https://a.kz',
        tokenUrl: 'https://a.kz',
        jwksUrl: 'https://a.kz',
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: string }) => i.path)).toEqual(['body.issuer']);
  });
});
