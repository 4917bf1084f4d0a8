// Review of one sitting for its proctors and examiners (and, after the exam, its student):
// camera, screen and (where a phone was paired) the side view played in sync, a drawn timeline of flags, warnings, incidents, decisions
// and state changes from the audit chain; a click on an item jumps there. Staff confirm or
// dismiss each flag with a note; the student explains a flag, and the reviewer sees it.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { FlagCategory } from '@emtihan/domain';
import type {
  EvidenceSegmentView,
  IntegrityReportView,
  ReviewedFlag,
  SessionView,
  TimelineItem,
  VideoTrack,
} from '@emtihan/protocol';
import { ServerCheck } from './server-check';
import { useSession } from '../session/session';
import { errorMessage } from '../ui/errors';
import { WarningText } from '../ui/warning-text';
import { position, segmentAt, snapshotAt, spanOf, timeAccount } from './review.timeline';
import { TimeAccountSection } from './time-account';

const KIND_COLOR: Record<TimelineItem['kind'], string> = {
  state: '#868e96',
  flag: '#e03131',
  warning: '#f08c00',
  acknowledgement: '#2f9e44',
  incident: '#7048e8',
  compensation: '#1c7ed6',
  decision: '#212529',
  connection: '#c2255c',
  explanation: '#0c8599',
  accommodation: '#7048e8',
};

/** Time added and rest breaks (ADR 0018): named under `accommodationsLive.review.event`. */
const ACCOMMODATION_EVENTS: Record<string, 'add-time' | 'start-break' | 'end-break'> = {
  'written.add-time': 'add-time',
  'written.start-break': 'start-break',
  'written.end-break': 'end-break',
};

export function ReviewPage() {
  const { sessionId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { api, user } = useSession();
  const [report, setReport] = useState<IntegrityReportView | null>(null);
  // The sitting itself: the terms it ran under (accommodation) and its rest breaks.
  const [sitting, setSitting] = useState<SessionView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [at, setAt] = useState<number | null>(null);
  const camera = useRef<HTMLVideoElement>(null);
  const screen = useRef<HTMLVideoElement>(null);
  const side = useRef<HTMLVideoElement>(null);

  const load = useCallback(async () => {
    try {
      const [r, v] = await Promise.all([
        api.call('sessionReport', { params: { sessionId } }),
        // Without it the review goes on, only without the account of the time.
        api.call('getSession', { params: { sessionId } }).catch(() => null),
      ]);
      setReport(r);
      setSitting(v);
    } catch (e) {
      setError(errorMessage(t, e));
    }
  }, [api, sessionId, t]);
  useEffect(() => {
    void Promise.resolve().then(load);
  }, [load]);

  const segments = useMemo(() => report?.evidence ?? [], [report]);
  const span = spanOf(segments, [
    report?.session.workStartedAt ?? 0,
    report?.session.endedAt ?? report?.session.deadline ?? 1,
  ]);

  /** Shows every recorded track at the moment `when` (epoch ms). */
  const seek = useCallback(
    (when: number) => {
      setAt(when);
      for (const [track, ref] of [
        ['camera', camera],
        ['screen', screen],
        ['side', side],
      ] as const) {
        const video = ref.current;
        const hit = segmentAt(segments, track, when);
        if (!video || !hit) continue;
        const src = `/api/sessions/${sessionId}/evidence/${track}/${hit.segment.seq}`;
        if (!video.src.endsWith(src)) video.src = src;
        video.dataset.startedAt = String(hit.segment.startedAt);
        video.dataset.seq = String(hit.segment.seq);
        const go = () => {
          video.currentTime = hit.offset;
        };
        if (video.readyState >= 1) go();
        else video.addEventListener('loadedmetadata', go, { once: true });
      }
    },
    [segments, sessionId],
  );

  const refOf = (track: VideoTrack) =>
    (track === 'camera' ? camera : track === 'screen' ? screen : side).current;
  // The screen and the side view follow the camera: same moment, next segment at the end of one.
  const follow = (track: VideoTrack) => {
    const video = refOf(track);
    if (!video) return;
    const startedAt = Number(video.dataset.startedAt);
    const now = startedAt + video.currentTime * 1000;
    if (track === 'camera') {
      setAt(now);
      let drifted = false;
      for (const other of [screen.current, side.current]) {
        if (!other || !other.dataset.startedAt) continue;
        const otherNow = Number(other.dataset.startedAt) + other.currentTime * 1000;
        if (Math.abs(otherNow - now) > 1500) drifted = true;
        if (other.paused !== video.paused) void (video.paused ? other.pause() : other.play());
      }
      if (drifted) seek(now);
    }
  };
  const next = (track: VideoTrack) => {
    const video = refOf(track);
    if (!video) return;
    const seq = Number(video.dataset.seq);
    const following = segments.find((s) => s.track === track && s.seq === seq + 1);
    if (!following) return;
    video.src = `/api/sessions/${sessionId}/evidence/${track}/${following.seq}`;
    video.dataset.startedAt = String(following.startedAt);
    video.dataset.seq = String(following.seq);
    void video.play();
  };
  const hasSide = segments.some((s) => s.track === 'side');

  useEffect(() => {
    if (report && at === null && segments.length > 0)
      void Promise.resolve().then(() => seek(span[0]));
  }, [report, at, segments.length, seek, span]);

  if (error) return <Alert color="red">{error}</Alert>;
  if (!report) return <Loader aria-label={t('common.loading')} />;

  const staff = user?.id !== undefined && report.session.student.login !== user.login;
  const fmt = (ms: number) =>
    new Date(ms).toLocaleTimeString(i18n.language, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  const items = report.timeline;
  const account = sitting ? timeAccount(sitting.state, items) : null;
  // Flags by their category's name, the rest by the event's; a type without a name stays as is.
  const eventName = (i: { kind: string; type: string }) => {
    if (i.kind === 'flag') return t(`flags.category.${i.type as 'tab_switch'}`, i.type);
    const accommodation = ACCOMMODATION_EVENTS[i.type];
    if (accommodation) return t(`accommodationsLive.review.event.${accommodation}`);
    const type = i.type.replace(/^written\./, '');
    return t(`review.event.${type as 'submit'}`, type);
  };

  // What the student was shown for a warning: its template and the proctor's note.
  const warningOf = (i: { detail: Record<string, unknown> }) => {
    const w = report.warnings.find((x) => x.id === i.detail.warningId);
    return {
      category: w?.category ?? String(i.detail.category ?? ''),
      note: w ? w.note : typeof i.detail.note === 'string' ? i.detail.note : null,
    };
  };

  return (
    <Stack gap="md">
      <Title order={1}>{t('review.title', { name: report.session.student.fullName })}</Title>
      <Group gap="md">
        <Text>{report.session.examTitle}</Text>
        <Badge color={report.audit.verification.ok ? 'green' : 'red'}>
          {report.audit.verification.ok ? t('review.auditOk') : t('review.auditBroken')}
        </Badge>
        <Text>{t('review.score', { score: report.score.score })}</Text>
        <Anchor
          href={`/api/sessions/${sessionId}/report.pdf?lang=${i18n.language}`}
          target="_blank"
        >
          {t('report.pdf')}
        </Anchor>
        <Anchor href={`/api/sessions/${sessionId}/report`} target="_blank">
          {t('report.json')}
        </Anchor>
      </Group>

      {segments.length === 0 ? <Text c="dimmed">{t('review.noRecording')}</Text> : null}
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Text fw={600} id="camera-label">
            {t('review.camera')}
          </Text>
          <video
            ref={camera}
            aria-labelledby="camera-label"
            controls
            style={{ width: '100%', background: '#000' }}
            onTimeUpdate={() => follow('camera')}
            onPlay={() => follow('camera')}
            onPause={() => follow('camera')}
            onEnded={() => next('camera')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Text fw={600} id="screen-label">
            {t('review.screen')}
          </Text>
          <video
            ref={screen}
            aria-labelledby="screen-label"
            muted
            style={{ width: '100%', background: '#000' }}
            onEnded={() => next('screen')}
          />
        </Grid.Col>
        {hasSide ? (
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Text fw={600} id="side-label">
              {t('hSide.review.side')}
            </Text>
            <video
              ref={side}
              aria-labelledby="side-label"
              muted
              style={{ width: '100%', background: '#000' }}
              onEnded={() => next('side')}
            />
          </Grid.Col>
        ) : null}
      </Grid>

      <Snapshots sessionId={sessionId} segments={segments} at={at ?? span[0]} fmt={fmt} />

      {account ? <TimeAccountSection account={account} fmt={fmt} /> : null}

      <Paper withBorder p="sm" component="section" aria-labelledby="timeline-title">
        <Title order={2} size="h4" id="timeline-title">
          {t('review.timeline')}
        </Title>
        <svg
          width="100%"
          height="48"
          viewBox="0 0 1000 48"
          preserveAspectRatio="none"
          role="img"
          aria-label={t('review.timelineDrawing', { n: items.length })}
        >
          <rect x="0" y="22" width="1000" height="4" fill="#dee2e6" />
          {segments
            .filter((s) => s.track === 'screen')
            .map((s: EvidenceSegmentView) => (
              <rect
                key={s.seq}
                x={position(s.startedAt, span) * 1000}
                y="20"
                width={Math.max(1, (s.durationMs / Math.max(1, span[1] - span[0])) * 1000)}
                height="8"
                fill="#a5d8ff"
              />
            ))}
          {items.map((i) => (
            <rect
              key={`${i.ref}-${i.at}`}
              x={position(i.at, span) * 1000 - 2}
              y={i.kind === 'flag' ? 4 : 30}
              width="4"
              height="14"
              fill={KIND_COLOR[i.kind]}
              style={{ cursor: 'pointer' }}
              onClick={() => seek(i.at)}
            />
          ))}
          {at !== null ? (
            <rect x={position(at, span) * 1000 - 1} y="0" width="2" height="48" fill="#000" />
          ) : null}
        </svg>
        <Stack
          gap={4}
          component="ol"
          style={{ listStyle: 'none', padding: 0 }}
          aria-label={t('review.items')}
        >
          {items.map((i) => (
            <li key={`${i.ref}-${i.at}-row`}>
              <Group gap="xs" wrap="nowrap">
                <Badge
                  color="gray"
                  variant="light"
                  style={{ borderLeft: `4px solid ${KIND_COLOR[i.kind]}` }}
                >
                  {i.kind === 'accommodation'
                    ? t('accommodationsLive.review.kind')
                    : t(`review.kind.${i.kind}`)}
                </Badge>
                <Button variant="subtle" size="compact-sm" onClick={() => seek(i.at)}>
                  {t('review.jump', {
                    time: fmt(i.at),
                    what: eventName(i),
                  })}
                </Button>
              </Group>
              {i.kind === 'warning' ? (
                <Stack gap={0} pl="md">
                  <WarningText size="sm" {...warningOf(i)} />
                </Stack>
              ) : null}
            </li>
          ))}
        </Stack>
      </Paper>

      <Paper withBorder p="sm" component="section" aria-labelledby="flags-title">
        <Title order={2} size="h4" id="flags-title">
          {t('review.flags')}
        </Title>
        {report.flags.length === 0 ? <Text c="dimmed">{t('review.noFlags')}</Text> : null}
        <Stack gap="sm">
          {report.flags.map((f) => (
            <FlagCard
              key={f.id}
              flag={f}
              sessionId={sessionId}
              staff={staff}
              explanations={report.explanations.filter((x) => x.target === `flag:${f.id}`)}
              time={fmt(f.startAt)}
              onJump={() => seek(f.startAt)}
              onChanged={load}
            />
          ))}
        </Stack>
      </Paper>
    </Stack>
  );
}

/** The camera and screen snapshots nearest the moment shown (taken every few seconds). */
function Snapshots({
  sessionId,
  segments,
  at,
  fmt,
}: {
  sessionId: string;
  segments: readonly EvidenceSegmentView[];
  at: number;
  fmt: (ms: number) => string;
}) {
  const { t } = useTranslation();
  const shots = (['camera-snapshot', 'screen-snapshot'] as const).flatMap((track) => {
    const s = snapshotAt(segments, track, at);
    return s ? [s] : [];
  });
  if (shots.length === 0) return null;
  return (
    <Group gap="sm" align="flex-start">
      {shots.map((s) => (
        <img
          key={s.track}
          src={`/api/sessions/${sessionId}/evidence/${s.track}/${s.seq}`}
          alt={t(
            s.track === 'camera-snapshot' ? 'review.cameraSnapshot' : 'review.screenSnapshot',
            {
              time: fmt(s.startedAt),
            },
          )}
          style={{ height: 120, border: '1px solid #dee2e6', borderRadius: 4 }}
        />
      ))}
    </Group>
  );
}

function FlagCard({
  flag,
  sessionId,
  staff,
  explanations,
  time,
  onJump,
  onChanged,
}: {
  flag: ReviewedFlag;
  sessionId: string;
  staff: boolean;
  explanations: IntegrityReportView['explanations'];
  time: string;
  onJump(): void;
  onChanged(): Promise<void>;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const act = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await fn();
      setNote('');
      setMessage(done);
      await onChanged();
    } catch (e) {
      setMessage(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Badge color={flag.severity === 'gross' ? 'red' : 'orange'}>
              {flag.severity === 'gross' ? t('review.gross') : t('review.minor')}
            </Badge>
            <Text fw={600}>{t(`flags.category.${flag.category as FlagCategory}`)}</Text>
            <Button variant="subtle" size="compact-sm" onClick={onJump}>
              {t('review.jumpTo', { time })}
            </Button>
          </Group>
          {flag.review ? (
            <Badge color={flag.review.decision === 'confirm' ? 'red' : 'gray'}>
              {flag.review.decision === 'confirm' ? t('review.confirmed') : t('review.dismissed')}
            </Badge>
          ) : null}
        </Group>
        {flag.evidenceFileId ? (
          <img
            src={`/api/sessions/${sessionId}/files/${flag.evidenceFileId}`}
            alt={t('review.snapshot', { time })}
            style={{ maxWidth: 240 }}
          />
        ) : null}
        <ServerCheck check={flag.serverCheck} />
        {flag.review ? (
          <Text size="sm">{t('review.reviewNote', { note: flag.review.note })}</Text>
        ) : null}
        {explanations.map((x) => (
          <Text key={x.id} size="sm" c="teal">
            {t('review.studentSays', { body: x.body })}
          </Text>
        ))}
        <Textarea
          label={staff ? t('review.note') : t('review.explain')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group>
          {staff ? (
            <>
              <Button
                color="red"
                disabled={!note.trim() || busy}
                onClick={() =>
                  void act(
                    () =>
                      api.call('reviewFlag', {
                        params: { sessionId, flagId: flag.id },
                        body: { decision: 'confirm', note },
                      }),
                    t('review.saved'),
                  )
                }
              >
                {t('review.confirm')}
              </Button>
              <Button
                variant="default"
                disabled={!note.trim() || busy}
                onClick={() =>
                  void act(
                    () =>
                      api.call('reviewFlag', {
                        params: { sessionId, flagId: flag.id },
                        body: { decision: 'dismiss', note },
                      }),
                    t('review.saved'),
                  )
                }
              >
                {t('review.dismiss')}
              </Button>
            </>
          ) : (
            <Button
              disabled={!note.trim() || busy}
              onClick={() =>
                void act(
                  () =>
                    api.call('explainEvidence', {
                      params: { sessionId },
                      body: { target: `flag:${flag.id}`, body: note },
                    }),
                  t('review.explained'),
                )
              }
            >
              {t('review.sendExplanation')}
            </Button>
          )}
        </Group>
        {message ? (
          <Text size="sm" role="status">
            {message}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
