// Platform people -> Emtihan accounts, shared by launches and roster sync: one account per
// (issuer, sub), its name and e-mail as the LMS last gave them, roles only ever added here.
import { createHash, randomUUID } from 'node:crypto';
import type { Language } from '@emtihan/protocol';
import type { CourseRepo } from '../repositories/course.repo.ts';
import type { LtiLinkRepo } from '../repositories/lti-link.repo.ts';
import type { UserRepo } from '../repositories/user.repo.ts';
import type { MappedRoles } from './lti-claims.ts';

export interface LtiPerson {
  sub: string;
  fullName?: string | undefined;
  email?: string | null | undefined;
  language?: Language | undefined;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class LtiAccounts {
  constructor(
    private readonly users: UserRepo,
    private readonly links: LtiLinkRepo,
    private readonly courses: CourseRepo,
  ) {}

  /** The account of the person, created on first sight; returns its id. */
  async upsert(issuer: string, p: LtiPerson, roles: MappedRoles, now: string): Promise<string> {
    const known = await this.links.findUser(issuer, p.sub);
    if (known) {
      const user = await this.users.findById(known);
      const missing = roles.account.filter((r) => !user?.roles.includes(r));
      await this.users.update(
        known,
        {
          ...(p.fullName ? { fullName: p.fullName } : {}),
          ...(p.email ? { email: p.email } : {}),
          ...(missing.length && user ? { roles: [...user.roles, ...missing] } : {}),
        },
        now,
      );
      return known;
    }
    const id = randomUUID();
    const login = `lti-${sha256(`${issuer}\n${p.sub}`).slice(0, 16)}`;
    await this.users.create(
      [
        {
          id,
          login,
          fullName: p.fullName ?? login,
          email: p.email ?? null,
          group: null,
          language: p.language ?? 'kk',
          // Not a scrypt hash, so no password ever matches: LTI users log in through the LMS.
          passwordHash: 'lti',
          roles: roles.account.length ? roles.account : ['student'],
        },
      ],
      now,
    );
    try {
      await this.links.addUser(issuer, p.sub, id, now);
    } catch (err) {
      // A parallel first launch of the same person won: use that account.
      const winner = await this.links.findUser(issuer, p.sub);
      if (!winner) throw err;
      await this.users.update(id, { active: false }, now);
      return winner;
    }
    return id;
  }

  async enrol(courseId: string, userId: string, roles: MappedRoles, now: string) {
    for (const role of roles.enrolment) await this.courses.enrol(courseId, userId, role, now);
  }
}
