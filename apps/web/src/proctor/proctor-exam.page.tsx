import {
  Accordion,
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ChatMessage, RosterEntry, RosterResponse } from '@emtihan/protocol';
import { ChatPanel } from '../chat/chat-panel';
import { AssignmentBadge } from './assignment-badge';
import { TaskFilesPanel } from '../exams/task-files.panel';
import { useSession } from '../session/session';
import { formatTime } from '../ui/format';
import { Page } from '../ui/page';
import { ErrorAlert, StatusMessage } from '../ui/status';
import { useLoad } from '../ui/use-load';
import { DecisionModal, type Decision } from './decision.modal';
import { AddTimeModal } from './add-time.modal';
import { AccommodationDetails } from './accommodation-badge';
import { ReviewLink } from '../review/review.link';
import { useExamUpdates } from './use-exam-updates';
import { useSecondCameras } from '../second-camera/use-second-cameras';
import { FlagAnnouncement, FlagList, FlagTileList } from './flags/flag-list';
import { useLiveFlags } from './flags/use-live-flags';
import { useLiveStates } from './use-live-states';
import { LiveHub } from '../rtc/live-hub';
import {
  canAddTime,
  filterEntries,
  LIVE_STATUSES,
  pageNow,
  sortEntries,
  tileVideo,
  type Show,
  type SortBy,
} from './console.rules';
import { FocusView } from './focus-view';
import { LiveTile, TileButton } from './live-tile';
import { AskRoomScan, LatestRoomScan, RoomScanRequestedBadge } from './room-scan-request';
import { ShortcutsHelp, useShortcuts, type ShortcutAction } from './shortcuts';
import { LiveHubContext } from './use-live-media';

/** A student on a rest break shows as such, whatever the sitting's status says. */
const ON_BREAK_COLOR = 'teal';
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
  const { api, language } = useSession();
  const { examId = '' } = useParams();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [r, a] = await Promise.all([
        api.call('examRoster', { params: { examId }, signal }),
        api.call('examAssignments', { params: { examId }, signal }),
      ]);
      return { ...r, assignments: a };
    },
    [api, examId],
  );
  const roster = useLoad(load);
  const { reload } = roster;
  // Chat: the newest message per sitting, unread counts, and the announcement of a new one.
  const [chat, setChat] = useState<ChatMessage | null>(null);
  const [unread, setUnread] = useState<Record<string, number>>({});
  const [focused, setFocused] = useState<string | null>(null);
  const focusedRef = useRef<string | null>(null);
  useEffect(() => {
    focusedRef.current = focused;
  }, [focused]);
  const onChat = useCallback((m: ChatMessage) => {
    setChat(m);
    if (m.authorRole === 'student' && focusedRef.current !== m.sessionId)
      setUnread((u) => ({ ...u, [m.sessionId]: (u[m.sessionId] ?? 0) + 1 }));
  }, []);
  const flags = useLiveFlags();
  const pages = useLiveStates();
  const { receive: onFlag } = flags;
  const { receive: onLive } = pages;
  // The students' phone cameras (ADR 0023), where the exam uses them.
  const phones = useSecondCameras(
    api,
    (roster.data?.secondCamera ?? 'off') !== 'off',
    useMemo(
      () => (roster.data?.entries ?? []).flatMap((e) => (e.sessionId ? [e.sessionId] : [])),
      [roster.data],
    ),
  );
  const onSecondCamera = phones.receive;
  useExamUpdates(
    examId,
    useMemo(
      () => ({ onChange: reload, onChat, onFlag, onLive, onSecondCamera }),
      [reload, onChat, onFlag, onLive, onSecondCamera],
    ),
  );
  const [open, setOpen] = useState<{
    entry: RosterEntry & { sessionId: string };
    decision: Decision;
  } | null>(null);
  const [addingTime, setAddingTime] = useState<(RosterEntry & { sessionId: string }) | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const hub = useMemo(() => new LiveHub(api), [api]);
  useEffect(() => () => hub.close(), [hub]);
  const [sortBy, setSortBy] = useState<SortBy>('risk');
  const [show, setShow] = useState<Show>('all');
  const [text, setText] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const search = useRef<HTMLInputElement | null>(null);

  const role = roster.data?.role ?? 'proctor';
  const assigned = useMemo(
    () => new Map((roster.data?.assignments.entries ?? []).map((a) => [a.sessionId, a])),
    [roster.data],
  );
  const me = roster.data?.assignments.me;
  const isMine = useCallback(
    (e: RosterEntry) => role === 'proctor' && assigned.get(e.sessionId ?? '')?.proctorId === me,
    [assigned, me, role],
  );
  const openFocus = (sessionId: string) => {
    setFocused(sessionId);
    setUnread((u) => ({ ...u, [sessionId]: 0 }));
  };
  const takeOver = async (entry: RosterEntry & { sessionId: string }) => {
    try {
      await api.call('takeOver', { params: { sessionId: entry.sessionId } });
      setStatus(t('console.tookOver', { name: entry.fullName }));
      reload();
    } catch (e) {
      setStatus(e instanceof Error ? e.message : String(e));
    }
  };
  const entries = [...(roster.data?.entries ?? [])].sort(
    (a, b) => rank(a) - rank(b) || a.fullName.localeCompare(b.fullName),
  );
  const live = useMemo(
    () =>
      sortEntries(
        filterEntries(
          (roster.data?.entries ?? []).filter(
            (e): e is RosterEntry & { sessionId: string } =>
              e.sessionId !== null && LIVE_STATUSES.includes(e.status),
          ),
          { text, show, isMine },
        ),
        sortBy,
      ),
    [roster.data, text, show, sortBy, isMine],
  );
  const statusText = (e: RosterEntry) =>
    e.onBreakSince !== null && e.status === 'in_progress'
      ? t('accommodationsLive.proctor.onBreakSince', {
          time: formatTime(new Date(e.onBreakSince).toISOString(), language),
        })
      : e.status === 'not_opened'
        ? t('proctorExam.notOpened')
        : t(`written.status.${e.status as 'scheduled'}`);
  const statusColor = (e: RosterEntry) =>
    e.onBreakSince !== null && e.status === 'in_progress'
      ? ON_BREAK_COLOR
      : (STATUS_COLOR[e.status] ?? 'gray');
  const decide = (entry: RosterEntry & { sessionId: string }, decision: Decision) =>
    setOpen({ entry, decision });
  /** A proctor decides for their own students only; the server refuses the rest anyway. */
  const allowed = (entry: RosterEntry & { sessionId: string }) =>
    role === 'proctor' && !isMine(entry) ? [] : decisionsFor(entry, role);
  const decisionButtons = (entry: RosterEntry & { sessionId: string }, small: boolean) => [
    ...allowed(entry).map((decision) => {
      const props = {
        key: decision,
        color: decision === 'terminate' || decision === 'annul' ? 'red' : undefined,
        'aria-label': t(`proctorExam.decision.${decision}`, { name: entry.fullName }),
        onClick: () => decide(entry, decision),
        children: t(`proctorExam.action.${decision}`),
      };
      return small ? <TileButton {...props} /> : <Button size="xs" variant="light" {...props} />;
    }),
    // More time (ADR 0018): the sitting's own proctor, or an examiner of the exam.
    ...(canAddTime(entry, role, isMine(entry))
      ? [
          (() => {
            const props = {
              key: 'add-time',
              color: 'violet',
              'aria-label': t('accommodationsLive.addTime.title', { name: entry.fullName }),
              onClick: () => setAddingTime(entry),
              children: t('accommodationsLive.addTime.action'),
            };
            return small ? (
              <TileButton {...props} />
            ) : (
              <Button size="xs" variant="light" {...props} />
            );
          })(),
        ]
      : []),
  ];

  const onShortcut = useCallback(
    (a: ShortcutAction) => {
      if (a === 'help') return setHelpOpen(true);
      if (a === 'search') return search.current?.focus();
      const i = live.findIndex((e) => e.sessionId === selected);
      if (a === 'next' || a === 'prev') {
        if (!live.length) return;
        const next = i === -1 ? 0 : (i + (a === 'next' ? 1 : -1) + live.length) % live.length;
        return setSelected(live[next]!.sessionId);
      }
      const entry = live[i];
      if (!entry) return;
      const can = allowed(entry);
      if (a === 'focus' || a === 'chat') return openFocus(entry.sessionId);
      if (a === 'identity' && can.includes('identity')) return decide(entry, 'identity');
      if (a === 'warn' && can.includes('warn')) return decide(entry, 'warn');
      if (a === 'pause') {
        if (can.includes('pause')) return decide(entry, 'pause');
        if (can.includes('resume')) return decide(entry, 'resume');
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- allowed/openFocus follow these
    [live, selected, role, isMine],
  );
  useShortcuts(open === null && focused === null && !helpOpen, onShortcut);
  const video = useMemo(
    () =>
      tileVideo(roster.data ?? { liveProctoring: true, liveVideo: { camera: true, screen: true } }),
    [roster.data],
  );
  const focusedEntry = live.find((e) => e.sessionId === focused) ?? null;

  return (
    <Page
      title={
        roster.data?.examTitle
          ? t('roughEdges.examPageTitle', {
              exam: roster.data.examTitle,
              course: roster.data.courseTitle,
            })
          : t('proctorExam.title')
      }
      intro={<Text c="dimmed">{t('proctorExam.intro')}</Text>}
    >
      <StatusMessage message={status} />
      <FlagAnnouncement
        last={flags.last}
        nameOf={(id) => roster.data?.entries.find((e) => e.studentId === id)?.fullName ?? ''}
      />
      {chat && chat.authorRole === 'student' && focused !== chat.sessionId ? (
        <Alert
          key={chat.id}
          color={chat.technical ? 'orange' : 'blue'}
          variant="light"
          role="status"
        >
          {chat.technical ? `${t('chat.technical')}: ` : ''}
          {t('chat.newFromStudent', { name: chat.authorName, text: chat.body })}
        </Alert>
      ) : null}
      {roster.state === 'loading' ? <Loader aria-label={t('common.loading')} /> : null}
      <ErrorAlert error={roster.error} />
      {roster.data?.rules ? (
        <Accordion variant="contained" mb="md">
          <Accordion.Item value="rules">
            <Accordion.Control>{t('exams.rules')}</Accordion.Control>
            <Accordion.Panel>
              <Text style={{ whiteSpace: 'pre-line' }}>{roster.data.rules[language]}</Text>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      ) : null}
      {roster.data ? (
        <LiveHubContext value={hub}>
          <Stack gap="sm" component="section" aria-labelledby="live-grid-title" mb="lg">
            <Group justify="space-between" align="flex-end" wrap="wrap">
              <Title order={2} size="h4" id="live-grid-title">
                {t('console.gridLabel')}
              </Title>
              <Group gap="sm" align="flex-end" wrap="wrap">
                <TextInput
                  ref={search}
                  label={t('console.filter')}
                  value={text}
                  onChange={(e) => setText(e.currentTarget.value)}
                  size="xs"
                />
                <Select
                  label={t('console.show')}
                  size="xs"
                  allowDeselect={false}
                  value={show}
                  onChange={(v) => setShow((v ?? 'all') as Show)}
                  data={(role === 'proctor'
                    ? (['all', 'mine', 'waiting', 'flagged'] as const)
                    : (['all', 'waiting', 'flagged'] as const)
                  ).map((v) => ({
                    value: v,
                    label: t(`console.showWhich.${v}`),
                  }))}
                />
                <Select
                  label={t('console.sort')}
                  size="xs"
                  allowDeselect={false}
                  value={sortBy}
                  onChange={(v) => setSortBy((v ?? 'risk') as SortBy)}
                  data={(['risk', 'name', 'status'] as const).map((v) => ({
                    value: v,
                    label: t(`console.sortBy.${v}`),
                  }))}
                />
                <Button size="xs" variant="default" onClick={() => setHelpOpen(true)}>
                  {t('console.shortcuts.open')}
                </Button>
              </Group>
            </Group>
            {role === 'examiner' ? (
              <Text size="sm" c="dimmed">
                {t('console.examinerReadOnly')}
              </Text>
            ) : null}
            {live.length === 0 ? (
              <Text c="dimmed">{t('console.noneLive')}</Text>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2, md: 3, xl: 4 }} spacing="sm">
                {live.map((entry) => (
                  <LiveTile
                    video={video}
                    camera={phones.cameras.get(entry.sessionId)}
                    key={entry.sessionId}
                    entry={entry}
                    statusText={statusText(entry)}
                    statusColor={statusColor(entry)}
                    selected={selected === entry.sessionId}
                    onSelect={() => setSelected(entry.sessionId)}
                    flags={<FlagTileList flags={flags.flagsOf(entry)} />}
                    page={pageNow(pages.seen.get(entry.sessionId), {
                      status: entry.status,
                      automaticChecks: roster.data.automaticChecks,
                      now: pages.now,
                      onBreak: entry.onBreakSince !== null,
                      skippedChecks: entry.accommodation?.skippedChecks,
                    })}
                    assignment={
                      <>
                        <AssignmentBadge
                          assignment={assigned.get(entry.sessionId)}
                          mine={isMine(entry)}
                          unread={unread[entry.sessionId] ?? 0}
                        />
                        <RoomScanRequestedBadge entry={entry} />
                      </>
                    }
                    actions={
                      <>
                        <TileButton
                          variant="filled"
                          aria-label={
                            video.camera || video.screen
                              ? t('console.focus', { name: entry.fullName })
                              : t('roughEdges.openSitting', { name: entry.fullName })
                          }
                          onClick={() => openFocus(entry.sessionId)}
                        >
                          {video.camera || video.screen
                            ? t('console.focusShort')
                            : t('roughEdges.openSittingShort')}
                        </TileButton>
                        {role === 'proctor' && !isMine(entry) ? (
                          <TileButton
                            aria-label={t('console.takeOver', { name: entry.fullName })}
                            onClick={() => void takeOver(entry)}
                          >
                            {t('console.takeOverShort')}
                          </TileButton>
                        ) : null}
                        {decisionButtons(entry, true)}
                      </>
                    }
                  />
                ))}
              </SimpleGrid>
            )}
          </Stack>
          {focusedEntry ? (
            <FocusView
              entry={focusedEntry}
              camera={phones.cameras.get(focusedEntry.sessionId)}
              statusText={statusText(focusedEntry)}
              actions={
                <>
                  {decisionButtons(focusedEntry, false)}
                  {/* Where the exam allows it, the sitting's own proctor may ask (ADR 0017). */}
                  {roster.data.roomScanOnRequest && isMine(focusedEntry) ? (
                    <AskRoomScan entry={focusedEntry} onAsked={reload} />
                  ) : (
                    <RoomScanRequestedBadge entry={focusedEntry} />
                  )}
                </>
              }
              below={
                <>
                  <AccommodationDetails entry={focusedEntry} />
                  <LatestRoomScan entry={focusedEntry} />
                </>
              }
              side={
                <ChatPanel
                  sessionId={focusedEntry.sessionId}
                  side="proctor"
                  title={t('chat.proctorTitle', { name: focusedEntry.fullName })}
                  incoming={chat}
                  canWrite={isMine(focusedEntry)}
                />
              }
              onClose={() => setFocused(null)}
            />
          ) : null}
        </LiveHubContext>
      ) : null}
      <ShortcutsHelp opened={helpOpen} onClose={() => setHelpOpen(false)} />
      {roster.data ? (
        <Title order={2} size="h4" mb="xs">
          {t('console.tableTitle')}
        </Title>
      ) : null}
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
                      <Badge color={statusColor(entry)} variant="light">
                        {statusText(entry)}
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
                      {(entry.sessionId && LIVE_STATUSES.includes(entry.status)
                        ? [] // a live student's decisions are on their tile above
                        : decisionsFor(entry, roster.data.role)
                      ).map((decision) => (
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
      {addingTime ? (
        <AddTimeModal
          entry={addingTime}
          onClose={() => setAddingTime(null)}
          onDone={(message) => {
            setAddingTime(null);
            setStatus(message);
            reload();
          }}
        />
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
