import { ROLES, type Role, type UserView } from '@emtihan/protocol';

/** Each role's area of the site. */
export const ROLE_HOME: Record<Role, string> = {
  student: '/student',
  proctor: '/proctor',
  examiner: '/examiner',
  admin: '/admin',
  accommodations: '/accommodations',
};

/** The person's roles in one fixed order, so the nav and the landing page never shuffle. */
export function orderedRoles(user: Pick<UserView, 'roles'>): Role[] {
  return ROLES.filter((role) => user.roles.includes(role));
}

/** Where `/` sends a person: their first role's area; null for an account with no role. */
export function homePath(user: Pick<UserView, 'roles'>): string | null {
  const first = orderedRoles(user)[0];
  return first ? ROLE_HOME[first] : null;
}
