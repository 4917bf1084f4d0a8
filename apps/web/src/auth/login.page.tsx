import { Alert, Button, Card, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { lazy, Suspense, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import { homePath } from '../session/roles';
import { useSession } from '../session/session';
import { errorMessage } from '../ui/errors';

const DemoAccounts = lazy(() =>
  import('./demo-accounts').then((m) => ({ default: m.DemoAccounts })),
);

interface LoginState {
  /** The page a logged-out person asked for; they go there after logging in. */
  from?: string;
}

/** Why the last attempt failed, in words a nervous student can act on. */
function failureText(t: TFunction, error: unknown, phone: string): string {
  if (error instanceof ApiError) {
    if (error.code === 'invalid-credentials' || error.status === 401)
      return t('login.failed', { phone });
    if (error.code === 'rate-limited' || error.status === 429)
      return error.retryAfterMs !== null
        ? t('hHarden.tooManyAttempts', {
            seconds: Math.max(1, Math.ceil(error.retryAfterMs / 1000)),
          })
        : t('login.tooManyAttempts');
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
                  {ended === 'everywhere'
                    ? t('hHarden.endedEverywhere')
                    : t(`login.ended.${ended}`)}
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
        <Suspense fallback={null}>
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
        </Suspense>
      ) : null}
    </Stack>
  );
}
