// All SQL about registered LTI platforms (LMS instances) and the tool's own signing keys.
import type { Db } from '../db/database.ts';
import type { LtiPlatformsTable } from '../db/schema.ts';

export interface LtiPlatform {
  id: string;
  issuer: string;
  clientId: string;
  deploymentIds: string[];
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
}

export interface ToolKey {
  kid: string;
  /** The private JWK as stored: sealed by LtiKeyVault (or plain JSON from before 0008). */
  privateJwk: string;
  publicJwk: Record<string, unknown>;
  createdAt: string;
  retireAt: string | null;
}

export class LtiPlatformRepo {
  constructor(private readonly db: Db) {}

  async create(p: LtiPlatform, now: string): Promise<void> {
    await this.db
      .insertInto('lti_platforms')
      .values({
        id: p.id,
        issuer: p.issuer,
        client_id: p.clientId,
        deployment_ids: JSON.stringify(p.deploymentIds),
        auth_url: p.authUrl,
        token_url: p.tokenUrl,
        jwks_url: p.jwksUrl,
        created_at: now,
      })
      .execute();
  }

  /** Replaces the deployment list and endpoints of a platform already registered. */
  async update(p: LtiPlatform): Promise<void> {
    await this.db
      .updateTable('lti_platforms')
      .set({
        deployment_ids: JSON.stringify(p.deploymentIds),
        auth_url: p.authUrl,
        token_url: p.tokenUrl,
        jwks_url: p.jwksUrl,
      })
      .where('id', '=', p.id)
      .execute();
  }

  async findById(id: string): Promise<LtiPlatform | undefined> {
    const r = await this.db
      .selectFrom('lti_platforms')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r && toPlatform(r);
  }

  /** Platforms of the issuer; narrowed to one client id when it is given. */
  async findByIssuer(issuer: string, clientId?: string): Promise<LtiPlatform[]> {
    let q = this.db.selectFrom('lti_platforms').selectAll().where('issuer', '=', issuer);
    if (clientId !== undefined) q = q.where('client_id', '=', clientId);
    return (await q.orderBy('created_at').execute()).map(toPlatform);
  }

  async list(): Promise<LtiPlatform[]> {
    const rows = await this.db
      .selectFrom('lti_platforms')
      .selectAll()
      .orderBy('issuer')
      .orderBy('client_id')
      .execute();
    return rows.map(toPlatform);
  }

  async addKey(k: Omit<ToolKey, 'retireAt'>): Promise<void> {
    await this.db
      .insertInto('lti_tool_keys')
      .values({
        kid: k.kid,
        private_jwk: k.privateJwk,
        public_jwk: JSON.stringify(k.publicJwk),
        created_at: k.createdAt,
        retire_at: null,
      })
      .execute();
  }

  /** Keys still published at `now`: the active ones and those not yet retired. */
  async publishedKeys(now: string): Promise<ToolKey[]> {
    const rows = await this.db
      .selectFrom('lti_tool_keys')
      .selectAll()
      .where((eb) => eb.or([eb('retire_at', 'is', null), eb('retire_at', '>', now)]))
      .orderBy('created_at', 'desc')
      .orderBy('kid')
      .execute();
    return rows.map((r) => ({
      kid: r.kid,
      privateJwk: r.private_jwk,
      publicJwk: JSON.parse(r.public_jwk) as Record<string, unknown>,
      createdAt: r.created_at,
      retireAt: r.retire_at,
    }));
  }

  /** Every stored key (published or not), for sealing rows written in plain text. */
  async allKeys(): Promise<{ kid: string; privateJwk: string }[]> {
    const rows = await this.db.selectFrom('lti_tool_keys').select(['kid', 'private_jwk']).execute();
    return rows.map((r) => ({ kid: r.kid, privateJwk: r.private_jwk }));
  }

  /** Replaces a key's stored private part, only if it is still `was` (two nodes at start). */
  async replacePrivate(kid: string, was: string, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('lti_tool_keys')
      .set({ private_jwk: now })
      .where('kid', '=', kid)
      .where('private_jwk', '=', was)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Marks every active key except `keepKid` to retire at `retireAt`. */
  async retireAllBut(keepKid: string, retireAt: string): Promise<number> {
    const r = await this.db
      .updateTable('lti_tool_keys')
      .set({ retire_at: retireAt })
      .where('retire_at', 'is', null)
      .where('kid', '!=', keepKid)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}

function toPlatform(r: LtiPlatformsTable): LtiPlatform {
  return {
    id: r.id,
    issuer: r.issuer,
    clientId: r.client_id,
    deploymentIds: JSON.parse(r.deployment_ids) as string[],
    authUrl: r.auth_url,
    tokenUrl: r.token_url,
    jwksUrl: r.jwks_url,
  };
}
