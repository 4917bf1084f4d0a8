// What a person may change about their own account.
import type { Language, UserView } from '@emtihan/protocol';
import type { UserRepo } from '../repositories/user.repo.ts';
import type { Clock } from './clock.ts';
import { ok, refuse, type Result } from './result.ts';

export class AccountService {
  constructor(
    private readonly users: UserRepo,
    private readonly clock: Clock,
  ) {}

  async setLanguage(userId: string, language: Language): Promise<Result<UserView>> {
    await this.users.update(userId, { language }, this.clock.now().toISOString());
    const user = await this.users.findById(userId);
    if (!user) return refuse('not-found', 'no such user');
    const { passwordHash: _, ...view } = user;
    return ok(view);
  }
}
