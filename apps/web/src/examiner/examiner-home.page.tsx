import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ExamList } from '../exams/exam-list';
import { Page } from '../ui/page';

export function ExaminerHomePage() {
  const { t } = useTranslation();
  return (
    <Page title={t('examiner.title')} intro={<Text c="dimmed">{t('examiner.intro')}</Text>}>
      <Group gap="sm">
        <Button component={Link} to="/examiner/exams/new?kind=written">
          {t('authoring.home.newWritten')}
        </Button>
        <Button component={Link} to="/examiner/exams/new?kind=oral" variant="light">
          {t('authoring.home.newOral')}
        </Button>
        <Button component={Link} to="/examiner/exams/import" variant="default">
          {t('authoring.home.import')}
        </Button>
      </Group>
      <ExamList view="examiner" />
    </Page>
  );
}
