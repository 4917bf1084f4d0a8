import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../ui/page';

const SECTIONS = [
  { path: '/admin/users', nav: 'admin.nav.users', text: 'admin.sections.users' },
  { path: '/admin/import', nav: 'admin.nav.import', text: 'admin.sections.import' },
  { path: '/admin/courses', nav: 'admin.nav.courses', text: 'admin.sections.courses' },
  { path: '/admin/lti', nav: 'lti.nav', text: 'lti.section' },
  { path: '/admin/presets', nav: 'presets.nav', text: 'presets.section' },
  { path: '/admin/exam-import', nav: 'examImport.nav', text: 'examImport.section' },
  { path: '/accommodations', nav: 'nav.accommodations', text: 'accommodations.section' },
] as const;

export function AdminHomePage() {
  const { t } = useTranslation();
  return (
    <Page title={t('admin.title')} intro={<Text c="dimmed">{t('admin.intro')}</Text>}>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {SECTIONS.map((section) => (
          <Card key={section.path} withBorder padding="lg" component="section">
            <Stack gap="xs">
              <Title order={2} size="h3">
                <Anchor component={Link} to={section.path}>
                  {t(section.nav)}
                </Anchor>
              </Title>
              <Text size="sm">{t(section.text)}</Text>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Page>
  );
}
