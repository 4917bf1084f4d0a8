// Login, logout, session lookup and revocation.
import { createHash, randomBytes } from 'node:crypto';
import type { UserView } from '@emtihan/protocol';
import type { AuthSession, AuthSessionRepo } from '../repositories/auth-session.repo.ts';
import type { UserRepo } from '../repositories/user.repo.ts';
import type { Clock } from './clock.ts';
import { DUMMY_HASH, verifyPassword } from './password.ts';
import { ok, refuse, type Result } from './result.ts';

export interface Authenticated {
  session: AuthSession;
  user: UserView;
}

const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');
const toView = ({ passwordHash: _, ...user }: UserView & { passwordHash: string }): UserView =>
  user;

export class AuthService {
  constructor(
    private readonly users: UserRepo,
    private readonly sessions: AuthSessionRepo,
    private readonly clock: Clock,
    private readonly ttlHours: number,
  ) {}

  /** One generic refusal for unknown login, wrong password and deactivated account alike. */
  async login(login: string, password: string): Promise<Result<Authenticated & { token: string }>> {
    const user = await this.users.findByLogin(login.trim());
    const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !matches || !user.active)
      return refuse('invalid-credentials', 'Wrong login or password');
    return ok({ ...(await this.newSession(user.id)), user: toView(user) });
  }

  /**
   * A session for a user whose identity was proven elsewhere (an LTI launch verified by the
   * LMS's signature). Refused for an unknown or deactivated account.
   */
  async startSession(userId: string): Promise<Result<Authenticated & { token: string }>> {
    const user = await this.users.findById(userId);
    if (!user || !user.active) return refuse('forbidden', 'This account is deactivated');
    return ok({ ...(await this.newSession(user.id)), user: toView(user) });
  }

  private async newSession(userId: string): Promise<{ token: string; session: AuthSession }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const session: AuthSession = {
      id: tokenId(token),
      userId,
      csrfToken: randomBytes(24).toString('base64url'),
      expiresAt: new Date(now.getTime() + this.ttlHours * 3600_000).toISOString(),
    };
    await this.sessions.create(session, now.toISOString());
    return { token, session };
  }

  async authenticate(token: string | undefined): Promise<Authenticated | undefined> {
    if (!token) return undefined;
    return this.sessions.findValidWithUser(tokenId(token), this.clock.now().toISOString());
  }

  async logout(session: AuthSession): Promise<void> {
    await this.sessions.revoke(session.id, this.clock.now().toISOString());
  }

  /** Ends the session of `token` if it is one (a browser's cookie from before a login). */
  async discard(token: string | undefined): Promise<void> {
    if (token) await this.sessions.revoke(tokenId(token), this.clock.now().toISOString());
  }

  /** Deletes the rows of expired sessions (kept no longer than they work); returns how many. */
  async purgeExpired(): Promise<number> {
    return this.sessions.deleteExpired(this.clock.now().toISOString());
  }

  async revokeAllOf(userId: string): Promise<number> {
    return this.sessions.revokeAllOfUser(userId, this.clock.now().toISOString());
  }
}
