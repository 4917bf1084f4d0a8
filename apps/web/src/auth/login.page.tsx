import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DemoAccount } from '@emtihan/protocol';
import { ApiError } from '../api/client';
import { homePath } from '../session/roles';
import { useSession } from '../session/session';
import { errorMessage } from '../ui/errors';

interface LoginState {
  /** The page a logged-out person asked for; they go there after logging in. */
  from?: string;
}

function DemoAccounts({
  accounts,
  onPick,
}: {
  accounts: DemoAccount[];
  onPick: (account: DemoAccount) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="demo-accounts">
      <Stack gap="sm">
        <Title order={2} size="h3" id="demo-accounts">
          {t('login.demo.title')}
        </Title>
        <Text size="sm">{t('login.demo.intro')}</Text>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('login.demo.login')}</Table.Th>
              <Table.Th>{t('login.demo.roles')}</Table.Th>
              <Table.Th>{t('login.demo.password')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('login.demo.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {accounts.map((account) => (
              <Table.Tr key={account.login}>
                <Table.Td>
                  <Text ff="monospace">{account.login}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {account.roles.map((role) => (
                      <Badge key={role} variant="light">
                        {t(`roles.${role}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text ff="monospace">{account.password}</Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    aria-label={t('login.demo.fillFor', { login: account.login })}
                    onClick={() => onPick(account)}
                  >
                    {t('login.demo.fill')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}

/** Why the last attempt failed, in words a nervous student can act on. */
function failureText(t: TFunction, error: unknown, phone: string): string {
  if (error instanceof ApiError) {
    if (error.code === 'invalid-credentials' || error.status === 401)
      return t('login.failed', { phone });
    if (error.code === 'rate-limited' || error.status === 429) return t('login.tooManyAttempts');
  }
  return errorMessage(t, error);
}

export function LoginPage() {
  const { t } = useTranslation();
  const { config, user, ended: sessionEnded, login } = useSession();
  const state = (useLocation().state ?? {}) as LoginState;
  const [loginName, setLoginName] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ login?: boolean; password?: boolean }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submitRef = useRef<HTMLButtonElement>(null);
  useDocumentTitle(`${t('login.title')} · ${t('app.name')}`);

  if (user) return <Navigate to={state.from ?? homePath(user) ?? '/'} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const nextMissing = { login: !loginName.trim(), password: !password };
    setMissing(nextMissing);
    if (nextMissing.login || nextMissing.password) return;
    setBusy(true);
    setError(null);
    try {
      await login(loginName.trim(), password);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  const ended = error ? null : sessionEnded;

  return (
    <Stack maw={720} mx="auto" gap="xl" py="md">
      <Card withBorder padding="xl" maw={440} w="100%" mx="auto" shadow="sm">
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="md">
            <Stack gap={4}>
              <Title order={1}>{t('login.title')}</Title>
              <Text c="dimmed">{config.universityName}</Text>
            </Stack>
            <div role="status">
              {ended ? (
                <Alert color="blue" variant="light" role="none">
                  {t(`login.ended.${ended}`)}
                </Alert>
              ) : null}
            </div>
            <Text size="sm">{t('login.hint')}</Text>
            <TextInput
              label={t('login.login')}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              withAsterisk
              value={loginName}
              onChange={(event) => setLoginName(event.currentTarget.value)}
              error={missing.login ? t('login.required') : undefined}
              size="md"
            />
            <PasswordInput
              label={t('login.password')}
              name="password"
              autoComplete="current-password"
              withAsterisk
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={missing.password ? t('login.required') : undefined}
              size="md"
              visibilityToggleButtonProps={{
                'aria-label': t('login.showPassword'),
              }}
            />
            {error ? (
              <Alert color="red" variant="light">
                {failureText(t, error, config.support.phone)}
              </Alert>
            ) : null}
            <Button type="submit" size="md" loading={busy} ref={submitRef}>
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
      </Card>
      {config.demo && config.demoAccounts.length > 0 ? (
        <DemoAccounts
          accounts={config.demoAccounts}
          onPick={(account) => {
            setLoginName(account.login);
            setPassword(account.password);
            setMissing({});
            setError(null);
            submitRef.current?.focus();
          }}
        />
      ) : null}
    </Stack>
  );
}
