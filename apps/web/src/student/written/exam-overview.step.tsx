// The seed's step 1: the course element "Written exam" — when, how long, the rules, what to
// prepare, and how the exam goes, in the seed's own steps.
import { Alert, Grid, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { answerText, type SessionTerms } from '@emtihan/domain';
import type { ExamView } from '@emtihan/protocol';
import type { Language } from '../../i18n/languages';
import { AnswerView } from '../../exams/answer-view';
import { ExamFacts, ExamFactsItem } from '../../exams/exam-facts';
import { formatDateTime } from '../../ui/format';
import type { CheckInWindow } from './written-flow.rules';

const PREPARE = ['id', 'room', 'computer', 'browser', 'phone'] as const;
const STEPS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
/** The seed's steps about a device, left out where the exam does not ask for it. */
const DEVICE_STEPS: Partial<Record<(typeof STEPS)[number], 'screen' | 'camera'>> = {
  5: 'screen',
  6: 'screen',
  7: 'camera',
};

/** Without a live proctor: what is recorded, by the devices the exam asks for (camera-screen). */
const RECORDED = {
  'true-true': 'written.overview.noLiveProctor',
  'true-false': 'written.overview.noLiveProctorCamera',
  'false-true': 'written.overview.noLiveProctorScreen',
  'false-false': 'written.overview.noLiveProctorNone',
} as const;

export function ExamOverviewStep({
  exam,
  language,
  window: checkIn,
  terms,
}: {
  exam: ExamView;
  language: Language;
  window: CheckInWindow;
  /** The sitting's terms: the student's own work time and accommodation. */
  terms?: SessionTerms;
}) {
  const { t } = useTranslation();
  const opensAt = new Date(checkIn.opensAt).toISOString();
  const steps = STEPS.filter((n) => {
    const device = DEVICE_STEPS[n];
    return device === undefined || exam.settings.media[device];
  });
  return (
    <Stack gap="lg">
      <ExamFacts exam={exam} language={language} checkInOpensAt={checkIn.opensAt} terms={terms}>
        <ExamFactsItem label={t('written.overview.proctoring')}>
          {exam.settings.liveProctoring
            ? t('written.overview.liveProctor')
            : t(RECORDED[`${exam.settings.media.camera}-${exam.settings.media.screen}`])}
        </ExamFactsItem>
      </ExamFacts>
      {checkIn.phase === 'before' ? (
        <Alert color="blue" variant="light" title={t('written.overview.notYetTitle')}>
          {t('written.overview.notYet', { time: formatDateTime(opensAt, language) })}
        </Alert>
      ) : checkIn.phase === 'closed' ? (
        <Alert color="gray" variant="light" title={t('written.overview.closedTitle')}>
          {t('written.overview.closed')}
        </Alert>
      ) : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="prepare-title">
            <Title order={3} size="h4" id="prepare-title" mb="xs">
              {t('written.overview.prepareTitle')}
            </Title>
            <List spacing={4}>
              {PREPARE.map((item) => (
                <List.Item key={item}>{t(`written.overview.prepare.${item}`)}</List.Item>
              ))}
            </List>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="steps-title">
            <Title order={3} size="h4" id="steps-title" mb="xs">
              {t('written.overview.stepsTitle')}
            </Title>
            <List type="ordered" spacing={4}>
              {steps.map((n) => (
                <List.Item key={n}>{t(`written.overview.step.${n}`)}</List.Item>
              ))}
            </List>
          </Paper>
        </Grid.Col>
      </Grid>
      {answerText(exam.instructions).trim() !== '' ? (
        <Paper withBorder p="md" component="section" aria-labelledby="instructions-title">
          <Title order={3} size="h4" id="instructions-title" mb="xs">
            {t('examRules.instructions')}
          </Title>
          <AnswerView body={exam.instructions} label={t('examRules.instructions')} />
        </Paper>
      ) : null}
      <Paper withBorder p="md" component="section" aria-labelledby="rules-title">
        <Title order={3} size="h4" id="rules-title" mb="xs">
          {t('exams.rules')}
        </Title>
        <Text style={{ whiteSpace: 'pre-line' }}>{exam.rules[language]}</Text>
      </Paper>
    </Stack>
  );
}
