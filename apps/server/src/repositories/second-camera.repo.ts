// All SQL about the phone as a second camera (ADR 0023): pairings, paired phones, their reports.
import type { SecondCameraState } from '@emtihan/protocol';
import type { Db } from '../db/database.ts';

export interface StoredPairing {
  tokenHash: string;
  sessionId: string;
  createdAt: string;
  usedAt: string | null;
  superseded: boolean;
}

export interface StoredCamera {
  id: string;
  sessionId: string;
  csrfToken: string;
  pairedAt: string;
  replacedAt: string | null;
  viewConfirmedAt: string | null;
}

export interface CameraEvent {
  seq: number;
  cameraId: string;
  at: number;
  state: SecondCameraState;
  battery: number | null;
}

const pairingOf = (r: {
  token_hash: string;
  session_id: string;
  created_at: string;
  used_at: string | null;
  superseded: number;
}): StoredPairing => ({
  tokenHash: r.token_hash,
  sessionId: r.session_id,
  createdAt: r.created_at,
  usedAt: r.used_at,
  superseded: r.superseded === 1,
});

const cameraOf = (r: {
  id: string;
  session_id: string;
  csrf_token: string;
  paired_at: string;
  replaced_at: string | null;
  view_confirmed_at: string | null;
}): StoredCamera => ({
  id: r.id,
  sessionId: r.session_id,
  csrfToken: r.csrf_token,
  pairedAt: r.paired_at,
  replacedAt: r.replaced_at,
  viewConfirmedAt: r.view_confirmed_at,
});

const eventOf = (r: {
  seq: number;
  camera_id: string;
  at: number | string;
  state: string;
  battery: number | null;
}): CameraEvent => ({
  seq: Number(r.seq),
  cameraId: r.camera_id,
  at: Number(r.at),
  state: r.state as SecondCameraState,
  battery: r.battery,
});

export class SecondCameraRepo {
  constructor(private readonly db: Db) {}

  /** A new pairing voids the sitting's older ones that were not redeemed. */
  async insertPairing(p: {
    tokenHash: string;
    codeHash: string;
    sessionId: string;
    createdAt: string;
  }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('second_camera_pairings')
        .set({ superseded: 1 })
        .where('session_id', '=', p.sessionId)
        .where('used_at', 'is', null)
        .execute();
      await trx
        .insertInto('second_camera_pairings')
        .values({
          token_hash: p.tokenHash,
          code_hash: p.codeHash,
          session_id: p.sessionId,
          created_at: p.createdAt,
          used_at: null,
          superseded: 0,
        })
        .execute();
    });
  }

  async pairingByToken(tokenHash: string): Promise<StoredPairing | undefined> {
    const r = await this.db
      .selectFrom('second_camera_pairings')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return r && pairingOf(r);
  }

  /** The newest pairing with this typed code (codes may repeat across days, never at once). */
  async pairingByCode(codeHash: string): Promise<StoredPairing | undefined> {
    const r = await this.db
      .selectFrom('second_camera_pairings')
      .selectAll()
      .where('code_hash', '=', codeHash)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    return r && pairingOf(r);
  }

  /**
   * Redeems a pairing once (the row's `used_at` is set only if it was unset) and makes the phone
   * the sitting's camera, replacing the one before. False: someone redeemed it first.
   */
  async redeem(
    tokenHash: string,
    camera: {
      id: string;
      sessionId: string;
      credentialHash: string;
      csrfToken: string;
      userAgent: string;
    },
    now: string,
  ): Promise<{ redeemed: boolean; replaced: string[] }> {
    return this.db.transaction().execute(async (trx) => {
      const used = await trx
        .updateTable('second_camera_pairings')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return { redeemed: false, replaced: [] };
      const before = await trx
        .selectFrom('second_cameras')
        .select('id')
        .where('session_id', '=', camera.sessionId)
        .where('replaced_at', 'is', null)
        .execute();
      await trx
        .updateTable('second_cameras')
        .set({ replaced_at: now })
        .where('session_id', '=', camera.sessionId)
        .where('replaced_at', 'is', null)
        .execute();
      await trx
        .insertInto('second_cameras')
        .values({
          id: camera.id,
          session_id: camera.sessionId,
          credential_hash: camera.credentialHash,
          csrf_token: camera.csrfToken,
          paired_at: now,
          replaced_at: null,
          view_confirmed_at: null,
          view_confirmed_by: null,
          user_agent: camera.userAgent.slice(0, 300),
        })
        .execute();
      return { redeemed: true, replaced: before.map((b) => b.id) };
    });
  }

  async cameraByCredential(credentialHash: string): Promise<StoredCamera | undefined> {
    const r = await this.db
      .selectFrom('second_cameras')
      .selectAll()
      .where('credential_hash', '=', credentialHash)
      .executeTakeFirst();
    return r && cameraOf(r);
  }

  /** The sitting's phone now (none, or every one replaced: undefined), and how many were replaced. */
  async current(sessionId: string): Promise<{ camera?: StoredCamera; replaced: number }> {
    const rows = await this.db
      .selectFrom('second_cameras')
      .selectAll()
      .where('session_id', '=', sessionId)
      .execute();
    const live = rows.find((r) => r.replaced_at === null);
    return {
      ...(live ? { camera: cameraOf(live) } : {}),
      replaced: rows.filter((r) => r.replaced_at !== null).length,
    };
  }

  async confirmView(cameraId: string, by: string, now: string): Promise<void> {
    await this.db
      .updateTable('second_cameras')
      .set({ view_confirmed_at: now, view_confirmed_by: by })
      .where('id', '=', cameraId)
      .where('view_confirmed_at', 'is', null)
      .execute();
  }

  /** Appends what a phone reported; the sequence is the sitting's (one writer at a time wins). */
  async appendEvent(sessionId: string, e: Omit<CameraEvent, 'seq'>): Promise<CameraEvent> {
    for (let attempt = 0; ; attempt++) {
      const last = await this.db
        .selectFrom('second_camera_events')
        .select((eb) => eb.fn.max('seq').as('n'))
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      const seq = Number(last?.n ?? -1) + 1;
      try {
        await this.db
          .insertInto('second_camera_events')
          .values({
            session_id: sessionId,
            seq,
            camera_id: e.cameraId,
            at: e.at,
            state: e.state,
            battery: e.battery,
          })
          .execute();
        return { ...e, seq };
      } catch (err) {
        // Two nodes took the same number: read again (a primary-key clash, never data lost).
        if (attempt >= 5) throw err;
      }
    }
  }

  /** The sitting's reports after `afterSeq`, in order. */
  async eventsAfter(sessionId: string, afterSeq: number): Promise<CameraEvent[]> {
    const rows = await this.db
      .selectFrom('second_camera_events')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .execute();
    return rows.map(eventOf);
  }

  async lastEvent(sessionId: string): Promise<CameraEvent | undefined> {
    const r = await this.db
      .selectFrom('second_camera_events')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    return r && eventOf(r);
  }
}
