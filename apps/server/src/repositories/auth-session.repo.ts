// Login sessions live in the database, so any server node can check any cookie.
import type { Db } from '../db/database.ts';

export interface AuthSession {
  id: string;
  userId: string;
  csrfToken: string;
  expiresAt: string;
}

export class AuthSessionRepo {
  constructor(private readonly db: Db) {}

  async create(s: AuthSession, now: string): Promise<void> {
    await this.db
      .insertInto('auth_sessions')
      .values({
        id: s.id,
        user_id: s.userId,
        csrf_token: s.csrfToken,
        created_at: now,
        expires_at: s.expiresAt,
        revoked_at: null,
      })
      .execute();
  }

  /** The session if it exists, is not revoked, has not expired and its user is active. */
  async findValid(id: string, now: string): Promise<AuthSession | undefined> {
    const r = await this.db
      .selectFrom('auth_sessions')
      .innerJoin('users', 'users.id', 'auth_sessions.user_id')
      .select([
        'auth_sessions.id',
        'auth_sessions.user_id',
        'auth_sessions.csrf_token',
        'auth_sessions.expires_at',
      ])
      .where('auth_sessions.id', '=', id)
      .where('auth_sessions.revoked_at', 'is', null)
      .where('auth_sessions.expires_at', '>', now)
      .where('users.active', '=', 1)
      .executeTakeFirst();
    return r && { id: r.id, userId: r.user_id, csrfToken: r.csrf_token, expiresAt: r.expires_at };
  }

  async revoke(id: string, now: string): Promise<void> {
    await this.db
      .updateTable('auth_sessions')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .execute();
  }

  /** Revokes every live session of the user; returns how many were live. */
  async revokeAllOfUser(userId: string, now: string): Promise<number> {
    const r = await this.db
      .updateTable('auth_sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async deleteExpired(now: string): Promise<number> {
    const r = await this.db
      .deleteFrom('auth_sessions')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
