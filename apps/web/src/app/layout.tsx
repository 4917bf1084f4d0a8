import {
  Anchor,
  AppShell,
  Box,
  Burger,
  Button,
  Center,
  Group,
  Loader,
  NavLink,
  Stack,
  Text,
} from '@mantine/core';
import { Suspense } from 'react';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { orderedRoles, ROLE_HOME } from '../session/roles';
import { useSession } from '../session/session';
import { LanguageSwitcher } from './language-switcher';
import { SupportContact } from './support-contact';
import classes from './layout.module.css';

const ADMIN_PAGES = [
  { path: '/admin/users', key: 'users' },
  { path: '/admin/import', key: 'import' },
  { path: '/admin/courses', key: 'courses' },
] as const;

function MainNav({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { pathname } = useLocation();
  if (!user) return null;
  const link = (path: string, label: string, exact: boolean) => {
    const active = exact ? pathname === path : pathname.startsWith(path);
    return (
      <NavLink
        key={path}
        component={Link}
        to={path}
        label={label}
        active={active}
        aria-current={active ? 'page' : undefined}
        onClick={onNavigate}
      />
    );
  };
  return (
    <Stack gap={2}>
      {orderedRoles(user).map((role) =>
        role === 'admin' ? (
          <Stack key={role} gap={2}>
            {link(ROLE_HOME.admin, t('nav.admin'), true)}
            <Stack gap={2} pl="md">
              {ADMIN_PAGES.map((page) => link(page.path, t(`admin.nav.${page.key}`), false))}
              {/* An admin keeps accommodations too; with the duty it has its own entry. */}
              {user.roles.includes('accommodations')
                ? null
                : link(ROLE_HOME.accommodations, t('nav.accommodations'), false)}
            </Stack>
          </Stack>
        ) : (
          link(ROLE_HOME[role], t(`nav.${role}`), false)
        ),
      )}
      {link('/account', t('hHarden.account.nav'), true)}
    </Stack>
  );
}

/** Every page: header, the person's areas, and the support contact at the bottom. */
/** While a page's code loads (its first visit on this device). */
function PageLoading() {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const { config, user, logout } = useSession();
  const [navOpened, nav] = useDisclosure(false);
  const withNav = user !== null;

  return (
    <AppShell
      header={{ height: 64 }}
      footer={{ height: { base: 76, sm: 52 } }}
      navbar={
        withNav ? { width: 250, breakpoint: 'sm', collapsed: { mobile: !navOpened } } : undefined
      }
      padding="lg"
    >
      <Anchor href="#main" className={classes.skip}>
        {t('nav.skipToMain')}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {withNav ? (
              <Burger
                opened={navOpened}
                onClick={nav.toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('nav.toggle')}
              />
            ) : null}
            <Text component="span" fw={800} size="xl" c="blue.8">
              {t('app.name')}
            </Text>
            <Text component="span" c="dimmed" visibleFrom="md" lineClamp={1}>
              {config.universityName}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            {/* On a phone the logged-in person finds the languages in the menu. */}
            <Box visibleFrom={withNav ? 'sm' : undefined}>
              <LanguageSwitcher />
            </Box>
            {user ? (
              <>
                <Anchor
                  component={Link}
                  to="/account"
                  fw={500}
                  visibleFrom="md"
                  lineClamp={1}
                  aria-label={t('hHarden.account.link', { name: user.fullName })}
                >
                  {user.fullName}
                </Anchor>
                <Button variant="default" onClick={() => void logout()}>
                  {t('auth.logout')}
                </Button>
              </>
            ) : null}
          </Group>
        </Group>
      </AppShell.Header>
      {user ? (
        <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
          <MainNav onNavigate={nav.close} />
          <Stack hiddenFrom="sm" mt="lg" gap="sm">
            <Text fw={500}>{user.fullName}</Text>
            <LanguageSwitcher />
          </Stack>
        </AppShell.Navbar>
      ) : null}
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
      <AppShell.Footer px="md">
        <Stack h="100%" justify="center">
          <SupportContact support={config.support} />
        </Stack>
      </AppShell.Footer>
    </AppShell>
  );
}
