// All SQL about users and their roles.
import type { Language, Role, UserView } from '@emtihan/protocol';
import type { Db } from '../db/database.ts';
import type { UsersTable } from '../db/schema.ts';

export interface NewUser {
  id: string;
  login: string;
  fullName: string;
  email: string | null;
  group: string | null;
  language: Language;
  passwordHash: string;
  roles: Role[];
}

export interface UserChanges {
  fullName?: string;
  email?: string | null;
  group?: string | null;
  language?: Language;
  active?: boolean;
  passwordHash?: string;
  roles?: Role[];
}

export type UserRecord = UserView & { passwordHash: string };

export class UserRepo {
  constructor(private readonly db: Db) {}

  async create(users: NewUser[], now: string): Promise<void> {
    if (users.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const u of users) {
        await trx
          .insertInto('users')
          .values({
            id: u.id,
            login: u.login,
            full_name: u.fullName,
            email: u.email,
            group_name: u.group,
            language: u.language,
            password_hash: u.passwordHash,
            active: 1,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await trx
          .insertInto('user_roles')
          .values([...new Set(u.roles)].map((role) => ({ user_id: u.id, role })))
          .execute();
      }
    });
  }

  async update(id: string, c: UserChanges, now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const set: Partial<UsersTable> = { updated_at: now };
      if (c.fullName !== undefined) set.full_name = c.fullName;
      if (c.email !== undefined) set.email = c.email;
      if (c.group !== undefined) set.group_name = c.group;
      if (c.language !== undefined) set.language = c.language;
      if (c.active !== undefined) set.active = c.active ? 1 : 0;
      if (c.passwordHash !== undefined) set.password_hash = c.passwordHash;
      const r = await trx.updateTable('users').set(set).where('id', '=', id).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return false;
      if (c.roles) {
        await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
        // A set: a role named twice is one row (the key is user and role).
        await trx
          .insertInto('user_roles')
          .values([...new Set(c.roles)].map((role) => ({ user_id: id, role })))
          .execute();
      }
      return true;
    });
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    return (await this.select((q) => q.where('users.id', '=', id)))[0];
  }

  async findByLogin(login: string): Promise<UserRecord | undefined> {
    return (await this.select((q) => q.where('users.login', '=', login)))[0];
  }

  async list(): Promise<UserRecord[]> {
    return this.select((q) => q);
  }

  /** Which of these logins are taken already. */
  async existingLogins(logins: string[]): Promise<Set<string>> {
    if (logins.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('users')
      .select('login')
      .where('login', 'in', logins)
      .execute();
    return new Set(rows.map((r) => r.login));
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  private async select(
    where: (q: ReturnType<UserRepo['base']>) => ReturnType<UserRepo['base']>,
  ): Promise<UserRecord[]> {
    const rows = await where(this.base()).orderBy('users.login').execute();
    if (rows.length === 0) return [];
    const roles = await this.db
      .selectFrom('user_roles')
      .select(['user_id', 'role'])
      .where(
        'user_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const byUser = new Map<string, Role[]>();
    for (const r of roles)
      byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.role as Role]);
    return rows.map((r) => ({
      id: r.id,
      login: r.login,
      fullName: r.full_name,
      email: r.email,
      group: r.group_name,
      language: r.language as Language,
      roles: sortRoles(byUser.get(r.id) ?? []),
      active: Number(r.active) === 1,
      passwordHash: r.password_hash,
    }));
  }

  private base() {
    return this.db.selectFrom('users').selectAll('users');
  }
}

const ROLE_ORDER: Role[] = ['student', 'proctor', 'examiner', 'admin', 'accommodations'];
export const sortRoles = (roles: Role[]) => ROLE_ORDER.filter((r) => roles.includes(r));
