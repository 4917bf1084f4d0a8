// All SQL about one-time LTI values: login states (with their nonce), hand-off and deep-link
// tokens, and the nonces already seen in id_tokens (replay protection).
import type { Db } from '../db/database.ts';

/** `deep-link-return`: a signed answer waiting for the page to carry it back to the LMS. */
export type LtiStateKind = 'login' | 'handoff' | 'deep-link' | 'deep-link-return';

export interface LtiState {
  id: string;
  kind: LtiStateKind;
  platformId: string | null;
  nonce: string | null;
  data: Record<string, unknown>;
  expiresAt: string;
}

export class LtiStateRepo {
  constructor(private readonly db: Db) {}

  async create(s: LtiState): Promise<void> {
    await this.db
      .insertInto('lti_states')
      .values({
        id: s.id,
        kind: s.kind,
        platform_id: s.platformId,
        nonce: s.nonce,
        data: JSON.stringify(s.data),
        expires_at: s.expiresAt,
      })
      .execute();
  }

  /**
   * Takes the value out: it exists for exactly one caller, even across nodes (the delete is the
   * claim). Undefined when unknown, already used, of another kind or expired.
   */
  async consume(id: string, kind: LtiStateKind, now: string): Promise<LtiState | undefined> {
    const r = await this.db
      .deleteFrom('lti_states')
      .where('id', '=', id)
      .where('kind', '=', kind)
      .returningAll()
      .executeTakeFirst();
    if (!r || r.expires_at <= now) return undefined;
    return {
      id: r.id,
      kind: r.kind as LtiStateKind,
      platformId: r.platform_id,
      nonce: r.nonce,
      data: JSON.parse(r.data) as Record<string, unknown>,
      expiresAt: r.expires_at,
    };
  }

  /** Reads the value without using it up (a form shown again with its errors). */
  async peek(id: string, kind: LtiStateKind, now: string): Promise<LtiState | undefined> {
    const r = await this.db
      .selectFrom('lti_states')
      .selectAll()
      .where('id', '=', id)
      .where('kind', '=', kind)
      .executeTakeFirst();
    if (!r || r.expires_at <= now) return undefined;
    return {
      id: r.id,
      kind: r.kind as LtiStateKind,
      platformId: r.platform_id,
      nonce: r.nonce,
      data: JSON.parse(r.data) as Record<string, unknown>,
      expiresAt: r.expires_at,
    };
  }

  /** Records a nonce as used; false when it was used before (a replay). */
  async useNonce(platformId: string, nonce: string, expiresAt: string): Promise<boolean> {
    const r = await this.db
      .insertInto('lti_nonces')
      .values({ platform_id: platformId, nonce, expires_at: expiresAt })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Forgets what can no longer be used. */
  async purgeExpired(now: string): Promise<number> {
    const a = await this.db
      .deleteFrom('lti_states')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    const b = await this.db
      .deleteFrom('lti_nonces')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(a.numDeletedRows) + Number(b.numDeletedRows);
  }
}
