// The examiner grades an exam's sittings: every student with the sitting's state, the score
// input, accept or annul, and what went to the LMS (pending / sent / failed with its answer).
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ExamGradingResponse, GradingEntry } from '@emtihan/protocol';
import { useSession } from '../session/session';
import { GradingPolicyControl } from './grading-policy.control';
import { formatDateTime } from '../ui/format';
import { Page } from '../ui/page';
import { ErrorAlert, StatusMessage } from '../ui/status';
import { useLoad } from '../ui/use-load';

const GRADABLE = ['submitted', 'timed_out', 'terminated', 'under_review', 'accepted'];
const ANNULLABLE = [
  'in_progress',
  'paused',
  'submitted',
  'timed_out',
  'terminated',
  'under_review',
];
const LMS_COLOR = { pending: 'yellow', sent: 'green', superseded: 'green', failed: 'red' };

export function GradingPage() {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const { examId = '' } = useParams();
  const [status, setStatus] = useState<string | null>(null);
  const [annulling, setAnnulling] = useState<GradingEntry | null>(null);
  const load = useCallback(
    (signal: AbortSignal) => api.call('examGrading', { params: { examId }, signal }),
    [api, examId],
  );
  const data = useLoad(load);
  // Sends to the LMS finish in the background: look again every few seconds.
  const { reload } = data;
  const interval = useInterval(reload, 4000);
  useEffect(() => {
    interval.start();
    return interval.stop;
  }, [interval]);

  const title = data.data
    ? t('grading.title', { exam: data.data.examTitle })
    : t('grading.titleShort');
  return (
    <Page
      title={title}
      intro={
        <Text c="dimmed">
          {t('grading.intro')}{' '}
          <Anchor component={Link} to={`/examiner/exams/${examId}`}>
            {t('grading.toRoster')}
          </Anchor>
        </Text>
      }
    >
      <StatusMessage message={status} />
      {data.state === 'failed' ? <ErrorAlert error={data.error} /> : null}
      <GradingPolicyControl examId={examId} onSaved={reload} />
      {data.data ? (
        <GradingTable
          data={data.data}
          language={language}
          onDone={(m) => {
            setStatus(m);
            reload();
          }}
          onAnnul={setAnnulling}
        />
      ) : null}
      {annulling?.sessionId ? (
        <AnnulModal
          entry={annulling}
          onClose={() => setAnnulling(null)}
          onDone={(m) => {
            setAnnulling(null);
            setStatus(m);
            reload();
          }}
        />
      ) : null}
    </Page>
  );
}

function GradingTable({
  data,
  language,
  onDone,
  onAnnul,
}: {
  data: ExamGradingResponse;
  language: ReturnType<typeof useSession>['language'];
  onDone(message: string): void;
  onAnnul(entry: GradingEntry): void;
}) {
  const { t } = useTranslation();
  const p = data.policy;
  return (
    <Stack gap="md">
      <Text>
        {t('grading.policy', {
          max: p.maxScore,
          scale: t(`grading.scale.${p.scale}`),
        })}{' '}
        {p.annulledScoresZero ? t('grading.annulledZero') : t('grading.annulledNone')}
      </Text>
      {data.lmsLinked ? null : (
        <Alert color="gray" variant="light">
          {t('grading.notLinked')}
        </Alert>
      )}
      <Table striped withTableBorder>
        <Table.Caption>{t('grading.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('grading.col.student')}</Table.Th>
            <Table.Th>{t('grading.col.state')}</Table.Th>
            <Table.Th>{t('grading.col.grade')}</Table.Th>
            <Table.Th>{t('grading.col.decide')}</Table.Th>
            <Table.Th>{t('grading.col.lms')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.entries.map((e) => (
            <Table.Tr key={e.studentId}>
              <Table.Td>
                <Text fw={500}>{e.fullName}</Text>
                <Text size="xs" c="dimmed">
                  {[e.login, e.group].filter(Boolean).join(' · ')}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={e.status === 'annulled' ? 'red' : 'gray'}>
                  {e.status === 'not_opened'
                    ? t('proctorExam.notOpened')
                    : t(`written.status.${e.status as 'scheduled'}`)}
                </Badge>
                {e.handIn ? (
                  <Badge variant="light" color={e.handIn === 'late' ? 'orange' : 'red'} ml="xs">
                    {e.handIn === 'late'
                      ? t('written.timeUp.lateBadge')
                      : t('written.timeUp.notSubmittedBadge')}
                  </Badge>
                ) : null}
                {e.submittedAt ? (
                  <Text size="xs" c="dimmed">
                    {formatDateTime(new Date(e.submittedAt).toISOString(), language)}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                {e.grade ? (
                  e.grade.outcome === 'void' ? (
                    <Text size="sm">{t('grading.void')}</Text>
                  ) : (
                    <Text fw={600}>
                      {t('grading.scoreOf', { score: e.grade.score, max: e.grade.maxScore })}{' '}
                      <Badge color={e.grade.passed ? 'green' : 'red'} variant="light">
                        {e.grade.grade}
                      </Badge>
                    </Text>
                  )
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('grading.noGrade')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Decide entry={e} maxScore={p.maxScore} onDone={onDone} onAnnul={onAnnul} />
              </Table.Td>
              <Table.Td>
                <LmsStatus entry={e} onDone={onDone} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function Decide({
  entry,
  maxScore,
  onDone,
  onAnnul,
}: {
  entry: GradingEntry;
  maxScore: number;
  onDone(message: string): void;
  onAnnul(entry: GradingEntry): void;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [score, setScore] = useState<string | number>(entry.grade?.score ?? '');
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!entry.sessionId) return null;
  const gradable = GRADABLE.includes(entry.status);
  const annullable = ANNULLABLE.includes(entry.status);
  if (!gradable && !annullable) return null;
  const name = entry.fullName;

  const accept = async () => {
    const n = typeof score === 'number' ? score : Number.NaN;
    if (!Number.isFinite(n) || n < 0 || n > maxScore) {
      setProblem(t('grading.scoreRange', { max: maxScore }));
      return;
    }
    setProblem(null);
    setBusy(true);
    setError(null);
    try {
      const r = await api.call('gradeSitting', {
        params: { sessionId: entry.sessionId! },
        body: { score: n, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      });
      onDone(
        t('grading.graded', {
          name,
          score: r.grade.score,
          max: r.grade.maxScore,
          grade: r.grade.grade,
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap={6}>
      {gradable ? (
        <>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <NumberInput
              label={t('grading.score', { name })}
              description={t('grading.scoreHint', { max: maxScore })}
              min={0}
              max={maxScore}
              decimalScale={2}
              clampBehavior="none"
              value={score}
              onChange={setScore}
              error={problem}
              w={170}
            />
            <Button onClick={accept} loading={busy} aria-label={t('grading.acceptFor', { name })}>
              {entry.status === 'accepted' ? t('grading.correct') : t('grading.accept')}
            </Button>
          </Group>
          <TextInput
            label={t('grading.comment', { name })}
            value={comment}
            onChange={(ev) => setComment(ev.currentTarget.value)}
            maxLength={2000}
          />
        </>
      ) : null}
      {annullable ? (
        <Button
          variant="outline"
          color="red"
          size="xs"
          onClick={() => onAnnul(entry)}
          aria-label={t('grading.annulFor', { name })}
        >
          {t('grading.annul')}
        </Button>
      ) : null}
      <ErrorAlert error={error} />
    </Stack>
  );
}

function LmsStatus({ entry, onDone }: { entry: GradingEntry; onDone(message: string): void }) {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const [error, setError] = useState<unknown>(null);
  const s = entry.lms;
  if (!s)
    return (
      <Text size="sm" c="dimmed">
        {t('grading.lms.none')}
      </Text>
    );
  const retry = async () => {
    setError(null);
    try {
      await api.call('retryGradeSend', { params: { sendId: s.id } });
      onDone(t('grading.lms.requeued', { name: entry.fullName }));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Stack gap={4}>
      <Group gap={6}>
        <Badge color={LMS_COLOR[s.status]}>{t(`grading.lms.${s.status}`)}</Badge>
        <Text size="sm">
          {t('grading.scoreOf', { score: s.scoreGiven ?? '—', max: s.scoreMaximum ?? '—' })}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {t('grading.lms.when', {
          time: formatDateTime(s.updatedAt, language),
          attempts: s.attempts,
        })}
        {s.httpStatus ? ` · HTTP ${s.httpStatus}` : ''}
      </Text>
      {s.status === 'failed' && s.error ? (
        <Text size="xs" c="red">
          {t('grading.lms.answer', { answer: s.error })}
        </Text>
      ) : null}
      {s.status === 'failed' ? (
        <Button
          size="xs"
          variant="light"
          onClick={retry}
          aria-label={t('grading.lms.retryFor', { name: entry.fullName })}
        >
          {t('grading.lms.retry')}
        </Button>
      ) : null}
      <ErrorAlert error={error} />
    </Stack>
  );
}

function AnnulModal({
  entry,
  onClose,
  onDone,
}: {
  entry: GradingEntry;
  onClose(): void;
  onDone(message: string): void;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.call('sessionCommand', {
        params: { sessionId: entry.sessionId! },
        body: { type: 'annul', reason: reason.trim() },
      });
      onDone(t('grading.annulled', { name: entry.fullName }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('grading.annulTitle', { name: entry.fullName })}>
      <Stack>
        <Text size="sm">{t('grading.annulText')}</Text>
        <Textarea
          label={t('grading.annulReason')}
          required
          value={reason}
          onChange={(ev) => setReason(ev.currentTarget.value)}
          autosize
          minRows={2}
        />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={submit} loading={busy} disabled={!reason.trim()}>
            {t('grading.annulConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
