import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
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

/**
 * A role's area (its child routes when no children); a person without that role (or any of
 * several) goes home.
 */
export function RequireRole({
  role,
  children,
}: {
  role: Role | readonly Role[];
  children?: ReactNode;
}) {
  const { user } = useSession();
  if (!user) return <Navigate to="/login" replace />;
  const allowed: readonly Role[] = typeof role === 'string' ? [role] : role;
  if (!allowed.some((r) => user.roles.includes(r))) return <Navigate to="/" replace />;
  return children ?? <Outlet />;
}

/** `/`: the first role's area. An account without any role is told so, not sent in a loop. */
export function HomeRedirect() {
  const { t } = useTranslation();
  const { user } = useSession();
  const home = user ? homePath(user) : '/login';
  if (home) return <Navigate to={home} replace />;
  return (
    <Alert color="yellow" variant="light" title={t('home.noRole.title')}>
      {t('home.noRole.text')}
    </Alert>
  );
}
