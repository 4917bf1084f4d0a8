import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ExamList } from '../exams/exam-list';
import { Page } from '../ui/page';

export function StudentHomePage() {
  const { t } = useTranslation();
  return (
    <Page title={t('student.title')} intro={<Text c="dimmed">{t('student.intro')}</Text>}>
      <Alert variant="light" color="blue" title={t('student.before.title')} role="note">
        {t('student.before.text')}
      </Alert>
      <ExamList view="student" />
    </Page>
  );
}
