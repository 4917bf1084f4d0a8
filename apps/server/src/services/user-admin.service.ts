// Admin use cases on accounts: create, edit, deactivate, revoke sessions, import from CSV.
import { randomUUID } from 'node:crypto';
import type { CreateUserBody, ImportReport, UpdateUserBody, UserView } from '@emtihan/protocol';
import type { UserRepo } from '../repositories/user.repo.ts';
import type { AuthService } from './auth.service.ts';
import type { Clock } from './clock.ts';
import { hashPassword } from './password.ts';
import { ok, refuse, type Result } from './result.ts';
import { parseStudentCsv } from './student-csv.ts';

export class UserAdminService {
  constructor(
    private readonly users: UserRepo,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    /** Called after a user's sessions end, so open sockets can be told and closed. */
    private readonly onSessionsRevoked: (userId: string) => void = () => {},
  ) {}

  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(({ passwordHash: _, ...u }) => u);
  }

  async create(b: CreateUserBody): Promise<Result<UserView>> {
    if ((await this.users.existingLogins([b.login])).size)
      return refuse('conflict', 'login is taken', 'login');
    const id = randomUUID();
    await this.users.create(
      [
        {
          id,
          login: b.login,
          fullName: b.fullName,
          email: b.email ?? null,
          group: b.group ?? null,
          language: b.language,
          passwordHash: await hashPassword(b.password),
          roles: b.roles,
        },
      ],
      this.now(),
    );
    return this.view(id);
  }

  async update(id: string, b: UpdateUserBody): Promise<Result<UserView>> {
    const { password, ...rest } = b;
    const changed = await this.users.update(
      id,
      { ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}) },
      this.now(),
    );
    if (!changed) return refuse('not-found', 'no such user');
    // A deactivated account or a new password ends every open session of that person.
    if (b.active === false || password) await this.revokeSessions(id);
    return this.view(id);
  }

  async revokeSessions(id: string): Promise<Result<{ revoked: number }>> {
    if (!(await this.users.findById(id))) return refuse('not-found', 'no such user');
    const revoked = await this.auth.revokeAllOf(id);
    this.onSessionsRevoked(id);
    return ok({ revoked });
  }

  /** Checks every row; imports all of them only if every row is valid, else nothing. */
  async importStudents(csv: string, commit: boolean): Promise<ImportReport> {
    const parsed = parseStudentCsv(csv);
    const taken = await this.users.existingLogins(parsed.map((r) => r.login).filter(Boolean));
    const rows = parsed.map((r) =>
      taken.has(r.login)
        ? {
            ...r,
            errors: [
              ...r.errors,
              { field: 'login', code: 'taken' as const, message: 'login is taken' },
            ],
          }
        : r,
    );
    const valid = rows.length > 0 && rows.every((r) => r.errors.length === 0);
    if (!commit || !valid)
      return { rows: rows.map(({ password: _, ...r }) => r), valid, imported: 0 };
    const users = await Promise.all(
      rows.map(async (r) => ({
        id: randomUUID(),
        login: r.login,
        fullName: r.fullName,
        email: r.email,
        group: r.group,
        language: r.language as 'kk' | 'ru' | 'en',
        passwordHash: await hashPassword(r.password),
        roles: ['student' as const],
      })),
    );
    await this.users.create(users, this.now());
    return { rows: rows.map(({ password: _, ...r }) => r), valid, imported: users.length };
  }

  private async view(id: string): Promise<Result<UserView>> {
    const u = await this.users.findById(id);
    if (!u) return refuse('not-found', 'no such user');
    const { passwordHash: _, ...view } = u;
    return ok(view);
  }

  private now() {
    return this.clock.now().toISOString();
  }
}
