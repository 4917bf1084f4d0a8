import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function BootLoading() {
  const { t } = useTranslation();
  return (
    <Center h="100vh">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/** The server cannot be reached: say so plainly and offer to try again. */
export function BootUnreachable({ retry }: { retry: () => void }) {
  const { t } = useTranslation();
  return (
    <Center h="100vh" p="md">
      <Stack maw={480}>
        <Alert color="red" variant="light" title={t('boot.unreachable.title')}>
          {t('boot.unreachable.text')}
        </Alert>
        <Button onClick={retry}>{t('boot.unreachable.retry')}</Button>
      </Stack>
    </Center>
  );
}
