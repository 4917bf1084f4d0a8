import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ExamList } from '../exams/exam-list';
import { Page } from '../ui/page';

export function ProctorHomePage() {
  const { t } = useTranslation();
  return (
    <Page title={t('proctor.title')} intro={<Text c="dimmed">{t('proctor.intro')}</Text>}>
      <ExamList view="proctor" />
    </Page>
  );
}
