import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession, useUser } from '../session/session';
import { errorMessage } from '../ui/errors';
import { Page } from '../ui/page';

/** The person's own account: who they are, and ending their sessions on every device. */
export function AccountPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { logoutEverywhere } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const endEverywhere = async () => {
    setBusy(true);
    setError(null);
    try {
      await logoutEverywhere();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <Page title={t('hHarden.account.title')}>
      <Card withBorder padding="lg" component="section" aria-labelledby="account-who">
        <Stack gap="xs">
          <Title order={2} size="h3" id="account-who">
            {user.fullName}
          </Title>
          <Text>{t('hHarden.account.login', { login: user.login })}</Text>
        </Stack>
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby="account-everywhere">
        <Stack gap="sm">
          <Title order={2} size="h3" id="account-everywhere">
            {t('hHarden.account.everywhere.title')}
          </Title>
          <Text>{t('hHarden.account.everywhere.text')}</Text>
          {error ? (
            <Alert color="red" variant="light">
              {errorMessage(t, error)}
            </Alert>
          ) : null}
          <Group>
            <Button color="red" variant="light" loading={busy} onClick={() => void endEverywhere()}>
              {t('hHarden.account.everywhere.button')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Page>
  );
}
