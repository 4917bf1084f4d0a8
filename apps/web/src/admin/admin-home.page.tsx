import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../ui/page';

const SECTIONS = [
  { path: '/admin/users', key: 'users' },
  { path: '/admin/import', key: 'import' },
  { path: '/admin/courses', key: 'courses' },
] as const;

export function AdminHomePage() {
  const { t } = useTranslation();
  return (
    <Page title={t('admin.title')} intro={<Text c="dimmed">{t('admin.intro')}</Text>}>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {SECTIONS.map((section) => (
          <Card key={section.key} withBorder padding="lg" component="section">
            <Stack gap="xs">
              <Title order={2} size="h3">
                <Anchor component={Link} to={section.path}>
                  {t(`admin.nav.${section.key}`)}
                </Anchor>
              </Title>
              <Text size="sm">{t(`admin.sections.${section.key}`)}</Text>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Page>
  );
}
