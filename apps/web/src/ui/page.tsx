import { Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface PageProps {
  title: string;
  /** A line under the heading that says what this page is for. */
  intro?: ReactNode;
  children: ReactNode;
}

/** A screen: one h1 that also names the browser tab. */
export function Page({ title, intro, children }: PageProps) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} · ${t('app.name')}`);
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{title}</Title>
        {intro}
      </Stack>
      {children}
    </Stack>
  );
}
