// Who may do what, as one table. Every endpoint names its access level in the protocol's api
// map; resource-level checks (own session, own course) come with the features that need them.
import type { Endpoint, Role } from '@emtihan/protocol';

export type Access = Endpoint['access'];

const table: Record<Access, (roles: readonly Role[]) => boolean> = {
  public: () => true,
  user: (roles) => roles.length > 0,
  admin: (roles) => roles.includes('admin'),
  /** Students' accommodations: admins, and people an admin gave the duty (ADR 0018). */
  accommodations: (roles) => roles.includes('admin') || roles.includes('accommodations'),
  /** A paired phone's own endpoints: its credential, never a person's login (ADR 0023). */
  phone: () => false,
};

export const can = (roles: readonly Role[], access: Access): boolean => table[access](roles);
