// The students the accommodations office may give a profile to (ADR 0018): active accounts with
// the student role, by name and login; nothing else about them.
import type { UserRepo } from '../repositories/user.repo.ts';
import { ok } from '../services/result.ts';
import type { Router } from './route.ts';

export function accommodationStudentRoutes(route: Router, deps: { users: UserRepo }) {
  route('accommodationStudents', async () => {
    const students = (await deps.users.list())
      .filter((u) => u.active && u.roles.includes('student'))
      .map((u) => ({ id: u.id, fullName: u.fullName, login: u.login, group: u.group }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName));
    return ok({ students });
  });
}
