import { Badge, Button, Group, Loader, Table, Text, VisuallyHidden } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { RosterEntry, RosterResponse } from '@emtihan/protocol';
import { TaskFilesPanel } from '../exams/task-files.panel';
import { useSession } from '../session/session';
import { Page } from '../ui/page';
import { ErrorAlert, StatusMessage } from '../ui/status';
import { useLoad } from '../ui/use-load';
import { DecisionModal, type Decision } from './decision.modal';
import { ReviewLink } from '../review/review.link';
import { useExamUpdates } from './use-exam-updates';
import { FlagAnnouncement, FlagList } from './flags/flag-list';
import { useLiveFlags } from './flags/use-live-flags';

const STATUS_COLOR: Record<string, string> = {
  awaiting_approval: 'orange',
  in_progress: 'green',
  paused: 'yellow',
  rejected: 'red',
  terminated: 'red',
  annulled: 'red',
  submitted: 'blue',
  timed_out: 'blue',
};

/** The decisions that fit a sitting's state; the server and the domain check them again. */
function decisionsFor(entry: RosterEntry, role: RosterResponse['role']): Decision[] {
  if (!entry.sessionId) return [];
  if (role === 'examiner')
    return ['submitted', 'timed_out', 'terminated'].includes(entry.status) ? ['annul'] : [];
  switch (entry.status) {
    case 'awaiting_approval':
      return ['identity'];
    case 'in_progress':
      return ['warn', 'pause', 'terminate'];
    case 'paused':
      return ['warn', 'resume', 'terminate'];
    case 'submitted':
    case 'timed_out':
    case 'terminated':
      return ['annul'];
    default:
      return [];
  }
}

/** Students waiting for identity approval first, then those at work, then the rest. */
const ORDER = ['awaiting_approval', 'paused', 'in_progress', 'checking_in', 'rejected'];
const rank = (e: RosterEntry) => {
  const i = ORDER.indexOf(e.status);
  return (e.terminationProposed ? -1 : 0) + (i === -1 ? ORDER.length : i);
};

/** A proctor's (or examiner's) view of one exam: every student, live, with the decisions. */
export function ProctorExamPage() {
  const { t } = useTranslation();
  const { api } = useSession();
  const { examId = '' } = useParams();
  const load = useCallback(
    (signal: AbortSignal) => api.call('examRoster', { params: { examId }, signal }),
    [api, examId],
  );
  const roster = useLoad(load);
  const { reload } = roster;
  useExamUpdates(examId, reload);
  const flags = useLiveFlags(examId);
  const [open, setOpen] = useState<{
    entry: RosterEntry & { sessionId: string };
    decision: Decision;
  } | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const entries = [...(roster.data?.entries ?? [])].sort(
    (a, b) => rank(a) - rank(b) || a.fullName.localeCompare(b.fullName),
  );
  return (
    <Page title={t('proctorExam.title')} intro={<Text c="dimmed">{t('proctorExam.intro')}</Text>}>
      <StatusMessage message={status} />
      <FlagAnnouncement
        last={flags.last}
        nameOf={(id) => roster.data?.entries.find((e) => e.studentId === id)?.fullName ?? ''}
      />
      {roster.state === 'loading' ? <Loader aria-label={t('common.loading')} /> : null}
      <ErrorAlert error={roster.error} />
      {roster.data ? (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover aria-label={t('proctorExam.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('proctorExam.col.student')}</Table.Th>
                <Table.Th>{t('proctorExam.col.group')}</Table.Th>
                <Table.Th>{t('proctorExam.col.status')}</Table.Th>
                <Table.Th>{t('proctorExam.col.warnings')}</Table.Th>
                <Table.Th>{t('proctorExam.col.incidents')}</Table.Th>
                <Table.Th>{t('flags.column')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.studentId}>
                  <Table.Td>
                    <Text fw={500}>{entry.fullName}</Text>
                    <Text size="xs" c="dimmed">
                      {entry.login}
                    </Text>
                    {entry.sessionId ? <ReviewLink sessionId={entry.sessionId} /> : null}
                  </Table.Td>
                  <Table.Td>{entry.group ?? ''}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge color={STATUS_COLOR[entry.status] ?? 'gray'} variant="light">
                        {entry.status === 'not_opened'
                          ? t('proctorExam.notOpened')
                          : t(`written.status.${entry.status as 'scheduled'}`)}
                      </Badge>
                      {entry.terminationProposed ? (
                        <Badge color="red">{t('proctorExam.terminationProposed')}</Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {t('proctorExam.warningCount', {
                      issued: entry.warningsIssued,
                      open: entry.warningsUnacknowledged,
                    })}
                  </Table.Td>
                  <Table.Td>{entry.incidents}</Table.Td>
                  <Table.Td>
                    <FlagList flags={flags.flagsOf(entry)} studentName={entry.fullName} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      {decisionsFor(entry, roster.data.role).map((decision) => (
                        <Button
                          key={decision}
                          size="xs"
                          variant={decision === 'identity' ? 'filled' : 'light'}
                          color={
                            decision === 'terminate' || decision === 'annul' ? 'red' : undefined
                          }
                          aria-label={t(`proctorExam.decision.${decision}`, {
                            name: entry.fullName,
                          })}
                          onClick={() =>
                            setOpen({ entry: { ...entry, sessionId: entry.sessionId! }, decision })
                          }
                        >
                          {t(`proctorExam.action.${decision}`)}
                        </Button>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {roster.state === 'ready' && roster.data.role === 'examiner' ? (
        <TaskFilesPanel examId={examId} />
      ) : null}
      {open ? (
        <DecisionModal
          entry={open.entry}
          decision={open.decision}
          onClose={() => setOpen(null)}
          onDone={(message) => {
            setOpen(null);
            setStatus(message);
            reload();
          }}
        />
      ) : null}
    </Page>
  );
}
