// Login sessions live in the database, so any server node can check any cookie.
import type { Language, Role, UserView } from '@emtihan/protocol';
import type { Db } from '../db/database.ts';
import { sortRoles } from './user.repo.ts';

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

  /**
   * `findValid` and the session's user with their roles in one query (a row per role): every
   * authenticated request asks this.
   */
  async findValidWithUser(
    id: string,
    now: string,
  ): Promise<{ session: AuthSession; user: UserView } | undefined> {
    const rows = await this.db
      .selectFrom('auth_sessions')
      .innerJoin('users', 'users.id', 'auth_sessions.user_id')
      .leftJoin('user_roles', 'user_roles.user_id', 'users.id')
      .select([
        'auth_sessions.id',
        'auth_sessions.user_id',
        'auth_sessions.csrf_token',
        'auth_sessions.expires_at',
        'users.login',
        'users.full_name',
        'users.email',
        'users.group_name',
        'users.language',
        'user_roles.role',
      ])
      .where('auth_sessions.id', '=', id)
      .where('auth_sessions.revoked_at', 'is', null)
      .where('auth_sessions.expires_at', '>', now)
      .where('users.active', '=', 1)
      .execute();
    const r = rows[0];
    if (!r) return undefined;
    return {
      session: { id: r.id, userId: r.user_id, csrfToken: r.csrf_token, expiresAt: r.expires_at },
      user: {
        id: r.user_id,
        login: r.login,
        fullName: r.full_name,
        email: r.email,
        group: r.group_name,
        language: r.language as Language,
        roles: sortRoles(rows.flatMap((x) => (x.role ? [x.role as Role] : []))),
        active: true,
      },
    };
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
