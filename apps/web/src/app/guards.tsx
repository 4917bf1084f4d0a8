import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '@emtihan/protocol';
import { homePath } from '../session/roles';
import { useSession } from '../session/session';

/** Pages for logged-in people; others go to the login page and come back after. */
export function RequireUser({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return children;
}

/** A role's area (its child routes when no children); a person without that role goes home. */
export function RequireRole({ role, children }: { role: Role; children?: ReactNode }) {
  const { user } = useSession();
  if (!user) return <Navigate to="/login" replace />;
  if (!user.roles.includes(role)) return <Navigate to={homePath(user)} replace />;
  return children ?? <Outlet />;
}

/** `/`: the first role's area. */
export function HomeRedirect() {
  const { user } = useSession();
  return <Navigate to={user ? homePath(user) : '/login'} replace />;
}
