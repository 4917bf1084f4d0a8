// Who may do what, as one table. Every endpoint names its access level in the protocol's api
// map; resource-level checks (own session, own course) come with the features that need them.
import type { Endpoint, Role } from '@emtihan/protocol';

export type Access = Endpoint['access'];

const table: Record<Access, (roles: readonly Role[]) => boolean> = {
  public: () => true,
  user: (roles) => roles.length > 0,
  admin: (roles) => roles.includes('admin'),
};

export const can = (roles: readonly Role[], access: Access): boolean => table[access](roles);
