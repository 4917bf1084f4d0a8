// The student's written exam as one page that follows the session: check-in, waiting for the
// proctor, the work, the receipt. Route: /student/exams/:examId (`?scanSeconds=N` shortens the
// room scan for tests and demos).
import { Alert, Anchor, CloseButton, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import {
  breakEndsAt,
  checksFor,
  openBreak,
  warningTemplates,
  type FlagCategory,
} from '@emtihan/domain';
import { SittingProviders } from '../../signals/signal-sink.provider';
import { useSession } from '../../session/session';
import { formatDateTime, formatTime } from '../../ui/format';
import { Page } from '../../ui/page';
import { ErrorAlert } from '../../ui/status';
import { CheckInFlow } from './check-in.flow';
import { EndedScreen } from './ended.screen';
import { RejectedScreen } from './rejected.screen';
import { LivePublishing } from './live-publishing';
import { isRefusalReason, refusalText } from './refusal.messages';
import { useWrittenExam, type Notice } from './use-written-exam';
import { WaitingScreen } from './waiting.screen';
import { WorkspaceScreen } from './workspace.screen';
import {
  REQUESTED_SCAN_SECONDS,
  scanSecondsFrom,
  screenFor,
  serverTime,
  type CheckInStep,
} from './written-flow.rules';

/** Notice keys the server sends (the domain's), translated under `written.notice`. */
const NOTICE_KEYS = [
  'session.awaiting-approval',
  'session.started',
  'session.identity-approved',
  'session.identity-rejected',
  'session.paused',
  'session.resumed',
  'session.compensation-granted',
  'session.submitted',
  'session.timed-out',
  'session.terminated',
  'session.accepted',
  'session.annulled',
] as const;
type NoticeKey = (typeof NOTICE_KEYS)[number];
/** Notices the screen itself already says (the receipt, the rejection, the waiting room). */
const SHOWN_BY_THE_SCREEN: ReadonlySet<string> = new Set([
  'session.awaiting-approval',
  'session.identity-rejected',
  'session.submitted',
  'session.timed-out',
  // The workspace shows the request with its recorder.
  'session.room-scan-requested',
  // The break screen says it.
  'session.break-started',
]);
/** Notices about time added and rest breaks (ADR 0018), under `accommodationsLive.notice`. */
const TIME_NOTICES = {
  'session.time-added': 'timeAdded',
  'session.break-ended': 'breakEnded',
} as const;
const isTimeNotice = (k: string): k is keyof typeof TIME_NOTICES => Object.hasOwn(TIME_NOTICES, k);
const isNoticeKey = (k: string): k is NoticeKey => (NOTICE_KEYS as readonly string[]).includes(k);

function NoticeText({
  notice,
  warnings,
}: {
  notice: Notice;
  warnings: readonly { id: string; note: string | null }[];
}) {
  const { t } = useTranslation();
  const { language } = useSession();
  if (notice.key.startsWith('warning.')) {
    const category = notice.key.slice('warning.'.length) as FlagCategory;
    // The template, then the proctor's own words when they wrote some.
    const note = warnings.find((w) => w.id === notice.params.warningId)?.note?.trim();
    return (
      <>
        {warningTemplates[category]?.[language] ?? t('written.notice.unknown')}
        {note ? ` ${t('warningNote.fromProctor', { note })}` : null}
      </>
    );
  }
  if (isTimeNotice(notice.key)) {
    const { minutes, deadline } = notice.params;
    return (
      <>
        {t(`accommodationsLive.notice.${TIME_NOTICES[notice.key]}`, {
          minutes: minutes ?? 0,
          end:
            typeof deadline === 'number'
              ? formatTime(new Date(deadline).toISOString(), language)
              : '—',
        })}
      </>
    );
  }
  if (notice.key === 'session.terms-amended') {
    const at = notice.params.deadline;
    return (
      <>
        {t('written.timeUp.amended', {
          deadline:
            typeof at === 'number' ? formatDateTime(new Date(at).toISOString(), language) : '—',
        })}
      </>
    );
  }
  if (!isNoticeKey(notice.key)) return <>{t('written.notice.unknown')}</>;
  const key = notice.key.replace('session.', '') as NoticeKey extends `session.${infer K}`
    ? K
    : never;
  const p = notice.params;
  const deadline =
    typeof p.deadline === 'number'
      ? formatDateTime(new Date(p.deadline).toISOString(), language)
      : '';
  const reason =
    typeof p.reason === 'string'
      ? isRefusalReason(p.reason)
        ? refusalText(t, p.reason)
        : p.reason
      : '';
  const incident = typeof p.reason === 'string' ? p.reason : '';
  return (
    <>
      {t(`written.notice.${key}`, {
        deadline,
        reason:
          key === 'paused'
            ? t(`written.incident.kinds.${incident as 'other'}`, { defaultValue: incident })
            : reason,
        minutes: p.minutes ?? p.compensatedMinutes ?? 0,
      })}
    </>
  );
}

/** Server time, ticking each second (for "check-in opens at …"). */
function useServerNow(offset: number): number {
  const [deviceNow, setDeviceNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setDeviceNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return serverTime(deviceNow, offset);
}

export function WrittenExamPage() {
  const { t } = useTranslation();
  const { examId = '' } = useParams();
  const location = useLocation();
  const written = useWrittenExam(examId);
  const serverNow = useServerNow(written.offset);
  const [resumeAt, setResumeAt] = useState<CheckInStep>('overview');

  if (written.load.state === 'loading') {
    return <Loader aria-label={t('common.loading')} />;
  }
  if (written.load.state === 'failed') {
    return (
      <Page title={t('written.title')}>
        <ErrorAlert error={written.load.error} />
        <Anchor component={Link} to="/student">
          {t('written.toMyExams')}
        </Anchor>
      </Page>
    );
  }
  const { exam, view } = written.load;
  const screen = screenFor(view.state.status);
  // The checks that run for this student: the exam's, less those their accommodation skips.
  const checks = checksFor(
    exam.settings.checks,
    view.state.terms.accommodation?.skippedChecks ?? [],
  );
  // On a rest break (until it is ended, at the latest when its allowance runs out) the page keeps
  // back what tells only of leaving.
  const onBreak = openBreak(view.state) !== null && serverNow < (breakEndsAt(view.state) ?? 0);

  return (
    <SittingProviders
      signalsActive={screen === 'waiting' || screen === 'work'}
      sessionId={view.sessionId}
      offset={written.offset}
      requireFullscreen={exam.settings.requireFullscreen}
      // The browser check off (by the exam or the student's accommodation): no page, focus or
      // clipboard watching (the screen share, devices, displays and connection still go to the
      // proctor).
      watchClipboard={exam.settings.watchClipboard && checks.browser}
      watchFocus={checks.browser}
      onBreak={onBreak}
      media={exam.settings.media}
    >
      <Page
        title={exam.title}
        intro={
          <Text c="dimmed">
            {exam.courseTitle} · {t(`written.status.${view.state.status}`)}
          </Text>
        }
      >
        <Stack gap="xs" aria-live="polite">
          {written.notices
            .filter((n) => !SHOWN_BY_THE_SCREEN.has(n.key))
            .map((n) => (
              <Alert key={n.id} color="blue" variant="light" role="status">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text size="sm">
                    <NoticeText notice={n} warnings={view.state.warnings} />
                  </Text>
                  <CloseButton
                    aria-label={t('written.notice.dismiss')}
                    onClick={() => written.dismissNotice(n.id)}
                  />
                </Group>
              </Alert>
            ))}
        </Stack>
        {exam.settings.liveProctoring ? (
          <LivePublishing
            sessionId={view.sessionId}
            active={screen !== 'check-in' && screen !== 'ended'}
          />
        ) : null}
        {screen === 'check-in' ? (
          <CheckInFlow
            exam={exam}
            view={view}
            written={written}
            scanSeconds={scanSecondsFrom(location.search)}
            startAt={resumeAt}
            serverNow={serverNow}
          />
        ) : screen === 'waiting' ? (
          <WaitingScreen view={view} connected={written.connected} refresh={written.refresh} />
        ) : screen === 'rejected' ? (
          <RejectedScreen view={view} written={written} onRetry={() => setResumeAt('identity')} />
        ) : screen === 'work' ? (
          <WorkspaceScreen
            exam={exam}
            view={view}
            written={written}
            scanSeconds={scanSecondsFrom(location.search, REQUESTED_SCAN_SECONDS)}
          />
        ) : (
          <EndedScreen view={view} />
        )}
      </Page>
    </SittingProviders>
  );
}
