// After the work: the receipt of "Submit assignment" (time and SHA-256 of what was handed in),
// or why the work ended (time up, stopped by the proctor, annulled), and the way to the
// student's own review (flags, recording, explanations). The work is read-only.
import { Alert, Button, Code, DataList, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SessionView } from '@emtihan/protocol';
import { AnswerView } from '../../exams/answer-view';
import { useSession } from '../../session/session';
import { formatDateTime } from '../../ui/format';

export function EndedScreen({ view }: { view: SessionView }) {
  const { t } = useTranslation();
  const { language } = useSession();
  const s = view.state;
  const endedAt =
    s.endedAt !== null ? formatDateTime(new Date(s.endedAt).toISOString(), language) : null;
  const files = view.files.filter((f) => f.kind === 'attachment');
  const kind =
    s.status === 'submitted' || s.status === 'under_review' || s.status === 'accepted'
      ? 'submitted'
      : s.status === 'timed_out'
        ? 'timedOut'
        : s.status === 'terminated'
          ? 'terminated'
          : s.status === 'annulled'
            ? 'annulled'
            : 'other';
  // The exam takes no work after the deadline (`refuse`): the saved answer was not handed in.
  const notSubmitted = s.notSubmitted === true;
  const reason =
    s.status === 'terminated'
      ? s.terminationReason
      : s.status === 'annulled'
        ? s.annulmentReason
        : null;

  return (
    <Stack gap="lg">
      <Alert
        color={
          notSubmitted
            ? 'red'
            : kind === 'submitted'
              ? 'green'
              : kind === 'timedOut'
                ? 'blue'
                : 'red'
        }
        variant="light"
        title={
          notSubmitted ? t('written.timeUp.notSubmittedTitle') : t(`written.ended.${kind}.title`)
        }
        role="status"
      >
        <Stack gap={4}>
          <Text>
            {notSubmitted ? t('written.timeUp.notSubmittedText') : t(`written.ended.${kind}.text`)}
          </Text>
          {s.late === true ? <Text fw={600}>{t('written.timeUp.late')}</Text> : null}
          {reason ? <Text fw={600}>{t('written.ended.reason', { reason })}</Text> : null}
          {s.status === 'under_review' || s.status === 'accepted' ? (
            <Text>
              {t(`written.ended.review.${s.status === 'accepted' ? 'accepted' : 'underReview'}`)}
            </Text>
          ) : null}
        </Stack>
      </Alert>
      <Paper withBorder p="md" component="section" aria-labelledby="receipt-title">
        <Title order={2} size="h4" id="receipt-title" mb="sm">
          {t('written.receipt.title')}
        </Title>
        <DataList labelWidth="14rem">
          <DataList.Item>
            <DataList.ItemLabel>{t('written.receipt.at')}</DataList.ItemLabel>
            <DataList.ItemValue>{endedAt ?? '—'}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('written.receipt.hash')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {s.finalAnswerHash ? (
                <Code style={{ wordBreak: 'break-all' }} data-testid="receipt-hash">
                  {s.finalAnswerHash}
                </Code>
              ) : (
                t('written.receipt.nothing')
              )}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>{t('written.files.title')}</DataList.ItemLabel>
            <DataList.ItemValue>
              {files.length === 0 ? (
                t('written.files.none')
              ) : (
                <List size="sm">
                  {files.map((f) => (
                    <List.Item key={f.id}>
                      {f.name} · <Code>{f.sha256.slice(0, 16)}…</Code>
                    </List.Item>
                  ))}
                </List>
              )}
            </DataList.ItemValue>
          </DataList.Item>
        </DataList>
        <Text size="sm" c="dimmed" mt="sm">
          {t('written.receipt.keep')}
        </Text>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="own-review-title">
        <Title order={2} size="h4" id="own-review-title" mb="xs">
          {t('written.ended.ownReview.title')}
        </Title>
        <Text size="sm" mb="sm">
          {t('written.ended.ownReview.text')}
        </Text>
        <Button component={Link} to={`/sessions/${s.sessionId}/review`} variant="light">
          {t('written.ended.ownReview.open')}
        </Button>
      </Paper>
      {view.task ? (
        <Paper withBorder p="md" component="section" aria-labelledby="task-title">
          <Title order={2} size="h4" id="task-title" mb="xs">
            {t('written.work.task')}
          </Title>
          <Text style={{ whiteSpace: 'pre-line' }}>{view.task}</Text>
        </Paper>
      ) : null}
      <Stack gap={4} component="section" aria-labelledby="answer-title">
        <Title order={2} size="h4" id="answer-title">
          {t('written.work.answer')}
        </Title>
        <AnswerView body={view.answer?.body ?? ''} label={t('written.ended.answer')} />
      </Stack>
    </Stack>
  );
}
