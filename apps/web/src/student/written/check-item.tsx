import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Verdict } from '../../media/check.types';

const COLOR: Record<Verdict | 'pending', string> = {
  pass: 'green',
  warn: 'yellow',
  fail: 'red',
  pending: 'gray',
};

/** One line of the system check: what, its verdict in words, how to fix it, and its controls. */
export function CheckItem({
  id,
  title,
  verdict,
  message,
  children,
}: {
  id: string;
  title: string;
  verdict: Verdict | 'pending';
  message: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = `check-${id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={3} size="h5" id={titleId}>
            {title}
          </Title>
          <Badge color={COLOR[verdict]} variant={verdict === 'pending' ? 'light' : 'filled'}>
            {t(`written.check.verdict.${verdict}`)}
          </Badge>
        </Group>
        <div role="status">
          <Text size="sm">{message}</Text>
        </div>
        {children}
      </Stack>
    </Paper>
  );
}
