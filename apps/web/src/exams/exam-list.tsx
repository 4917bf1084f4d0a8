import { Accordion, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ExamView } from '@emtihan/protocol';
import type { Language } from '../i18n/languages';
import { useSession } from '../session/session';
import { ExamAuthoringActions } from '../examiner/authoring/exam-actions';
import { ErrorAlert, StatusMessage } from '../ui/status';
import { useLoad } from '../ui/use-load';
import { ExamFacts } from './exam-facts';

export type ExamListView = 'student' | 'proctor' | 'examiner';

type Phase = 'upcoming' | 'open' | 'closed';

function phaseOf(exam: ExamView, now: number): Phase {
  if (now < Date.parse(exam.opensAt)) return 'upcoming';
  if (now > Date.parse(exam.closesAt)) return 'closed';
  return 'open';
}

const PHASE_COLOR: Record<Phase, string> = { upcoming: 'blue', open: 'green', closed: 'gray' };

/** Re-renders every half minute so "open now" turns on without a reload. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  const interval = useInterval(() => setNow(Date.now()), 30_000);
  useEffect(() => {
    interval.start();
    return interval.stop;
  }, [interval]);
  return now;
}

function ExamCard({
  exam,
  language,
  now,
  view,
  onChanged,
}: {
  exam: ExamView;
  language: Language;
  now: number;
  view: ExamListView;
  onChanged(message: string): void;
}) {
  const { t } = useTranslation();
  const phase = phaseOf(exam, now);
  const titleId = `exam-${exam.id}`;
  return (
    <Card withBorder padding="lg" component="article" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={2} size="h3" id={titleId}>
            {exam.title}
          </Title>
          <Group gap="xs">
            {view === 'student' ? null : (
              <Badge
                variant={exam.status === 'draft' ? 'outline' : 'light'}
                color={exam.status === 'draft' ? 'gray' : 'teal'}
                size="lg"
              >
                {t(`authoring.state.${exam.status}`)}
              </Badge>
            )}
            <Badge variant="light" color={exam.kind === 'oral' ? 'grape' : 'indigo'} size="lg">
              {t(`exams.kind.${exam.kind}`)}
            </Badge>
            <Badge variant="filled" color={PHASE_COLOR[phase]} size="lg">
              {t(`exams.phase.${phase}`)}
            </Badge>
          </Group>
        </Group>
        <ExamFacts exam={exam} language={language} />
        <Accordion variant="contained">
          <Accordion.Item value="rules">
            <Accordion.Control>{t('exams.rules')}</Accordion.Control>
            <Accordion.Panel>
              <Text style={{ whiteSpace: 'pre-line' }}>{exam.rules[language]}</Text>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
        {view === 'student' && exam.kind === 'written' ? (
          <Group>
            <Button
              component={Link}
              to={`/student/exams/${exam.id}`}
              aria-label={t('written.openFor', { title: exam.title })}
            >
              {t('written.open')}
            </Button>
          </Group>
        ) : null}
        {exam.kind === 'oral' && view !== 'proctor' ? (
          <Group>
            <Button
              component={Link}
              to={`/${view}/oral/${exam.id}`}
              aria-label={t(view === 'student' ? 'oral.openFor' : 'oral.manageFor', {
                title: exam.title,
              })}
            >
              {t(view === 'student' ? 'oral.open' : 'oral.manage')}
            </Button>
          </Group>
        ) : null}
        {view !== 'student' && exam.kind === 'written' ? (
          <Group>
            <Button
              component={Link}
              to={`/${view}/exams/${exam.id}`}
              aria-label={t('proctorExam.openFor', { title: exam.title })}
            >
              {t('proctorExam.open')}
            </Button>
            {view === 'examiner' ? (
              <Button
                variant="light"
                component={Link}
                to={`/examiner/exams/${exam.id}/grading`}
                aria-label={t('grading.openFor', { title: exam.title })}
              >
                {t('grading.open')}
              </Button>
            ) : null}
            {view === 'examiner' ? (
              <Button
                variant="default"
                component={Link}
                to={`/examiner/exams/${exam.id}/accommodations`}
                aria-label={t('accommodations.exam.openFor', { title: exam.title })}
              >
                {t('accommodations.exam.open')}
              </Button>
            ) : null}
          </Group>
        ) : null}
        {view === 'examiner' ? <ExamAuthoringActions exam={exam} onChanged={onChanged} /> : null}
      </Stack>
    </Card>
  );
}

/** The exams of the person's courses, as cards; the same data for every role. */
export function ExamList({ view }: { view: ExamListView }) {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const now = useNow();
  const load = useCallback(
    (signal: AbortSignal) => api.call('listExams', { signal }).then((r) => r.exams),
    [api],
  );
  const exams = useLoad(load);
  const [status, setStatus] = useState<string | null>(null);
  const { reload } = exams;
  const changed = useCallback(
    (message: string) => {
      setStatus(message);
      reload();
    },
    [reload],
  );

  if (exams.state === 'loading') return <Loader aria-label={t('common.loading')} />;
  if (exams.state === 'failed') return <ErrorAlert error={exams.error} />;
  if (exams.data.length === 0) {
    return (
      <>
        <StatusMessage message={status} />
        <Text>{t(`exams.empty.${view}`)}</Text>
      </>
    );
  }
  const sorted = [...exams.data].sort((a, b) => a.opensAt.localeCompare(b.opensAt));
  return (
    <Stack gap="md">
      <StatusMessage message={status} />
      {sorted.map((exam) => (
        <ExamCard
          key={exam.id}
          exam={exam}
          language={language}
          now={now}
          view={view}
          onChanged={changed}
        />
      ))}
    </Stack>
  );
}
