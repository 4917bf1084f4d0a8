import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ExamList } from '../exams/exam-list';
import { Page } from '../ui/page';

export function ExaminerHomePage() {
  const { t } = useTranslation();
  return (
    <Page title={t('examiner.title')} intro={<Text c="dimmed">{t('examiner.intro')}</Text>}>
      <ExamList view="examiner" />
    </Page>
  );
}
