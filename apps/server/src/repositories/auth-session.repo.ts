// Login sessions live in the database, so any server node can check any cookie.
import type { Language, Role, UserView } from '@emtihan/protocol';
import { sqliteReaderOf, type Db } from '../db/database.ts';
import { sortRoles } from './user.repo.ts';

export interface AuthSession {
  id: string;
  userId: string;
  csrfToken: string;
  expiresAt: string;
}

interface SessionUserRow {
  id: string;
  user_id: string;
  csrf_token: string;
  expires_at: string;
  login: string;
  full_name: string;
  email: string | null;
  group_name: string | null;
  language: string;
  role: string | null;
}

/** `findValidWithUser`'s query as Kysely builds it, prepared once on SQLite. */
const SESSION_WITH_USER_SQL =
  'select s.id, s.user_id, s.csrf_token, s.expires_at, u.login, u.full_name, u.email, ' +
  'u.group_name, u.language, r.role from auth_sessions s ' +
  'inner join users u on u.id = s.user_id left join user_roles r on r.user_id = u.id ' +
  'where s.id = ? and s.revoked_at is null and s.expires_at > ? and u.active = 1';

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

  /**
   * The session if it exists, is not revoked, has not expired and its user is active, with that
   * user and their roles, in one query (a row per role): every authenticated request asks this.
   */
  async findValidWithUser(
    id: string,
    now: string,
  ): Promise<{ session: AuthSession; user: UserView } | undefined> {
    const sqlite = sqliteReaderOf(this.db);
    const rows = sqlite
      ? await sqlite<SessionUserRow>(SESSION_WITH_USER_SQL, [id, now])
      : await this.db
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
