// The seed's steps 8–10: "Add submission", work on the task, "Submit assignment". The answer is
// saved on the device at once and sent to the server until acknowledged; the timer runs on the
// server's clock; the entire screen and the camera stay shared.
import {
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { graceMs, openBreak } from '@emtihan/domain';
import type { ExamView, SessionView } from '@emtihan/protocol';
import { AutomaticChecks } from '../../detection/automatic-checks';
import { EvidenceRecorder } from '../../evidence/evidence.recorder';
import { useMedia } from '../../media/media.context';
import { VideoPreview } from '../../media/video-preview';
import { ApiError } from '../../api/client';
import { answerTextLength } from '../../exams/answer.schema';
import { myAccommodationOf } from '../../exams/my-accommodation';
import { formatWorkTime } from '../../ui/work-time';
import { WarningText } from '../../ui/warning-text';
import { useSession } from '../../session/session';
import { AnswerEditor } from './answer-editor';
import { AttachmentsPanel } from './attachments.panel';
import { ExamTimer } from './exam-timer';
import { IncidentModal } from './incident.modal';
import { BreakScreen, TakeBreak } from './rest-break';
import { RoomScanRequest } from './room-scan-request';
import { flowErrorMessage } from './refusal.messages';
import { SaveStatus } from './save-status';
import { TaskFileLinks } from './task-file-links';
import { ScreenGate } from './screen-gate';
import { useAnswerOutbox } from './use-answer-outbox';
import { PairingPanel } from '../../second-camera/pairing-panel';
import { serverTime } from './written-flow.rules';
import type { WrittenExam } from './use-written-exam';

export function WorkspaceScreen({
  exam,
  view,
  written,
  scanSeconds,
}: {
  exam: ExamView;
  view: SessionView;
  written: WrittenExam;
  /** How long a room scan the proctor asks for lasts. */
  scanSeconds: number;
}) {
  const { t } = useTranslation();
  const { language } = useSession();
  const media = useMedia();
  const answer = useAnswerOutbox(view.sessionId, view.answer, written);
  const paused = view.state.status === 'paused';
  // On a rest break: the clock stands still and the exam is put away; the media go on.
  const onBreak = openBreak(view.state);
  const mine = myAccommodationOf(exam, view.state.terms);
  const addedMinutes = Math.round((view.state.addedTimeMs ?? 0) / 60_000);
  // Step 8: the editor opens with "Add submission", or at once when an answer exists.
  const [adding, setAdding] = useState(false);
  const editorOpen = adding || view.answer !== null || (answer.ready && answer.initialBody !== '');
  const [tooLong, setTooLong] = useState(false);
  // The exam's statement (`settings.answer.statement`) is ticked before "Submit assignment".
  const statement = exam.settings.answer.statement;
  const [affirmed, setAffirmed] = useState(false);
  // Answers refused while paused go out once the work goes on.
  const outbox = answer.ready ? answer.outbox : null;
  useEffect(() => {
    if (!paused) outbox?.resumeAfterRefusal();
  }, [paused, outbox]);
  const [incidentOpen, setIncidentOpen] = useState(false);
  const [confirmOpen, setConfirmOpen] = useState(false);
  // Opened in a grace period: the student is told the work will be marked late.
  const [submitLate, setSubmitLate] = useState(false);
  const openConfirm = () => {
    const { deadline } = view.state;
    setSubmitLate(deadline !== null && serverTime(Date.now(), written.offset) >= deadline);
    setConfirmOpen(true);
  };
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [resumeError, setResumeError] = useState<string | null>(null);
  const { refresh } = written;
  const onExpired = useCallback(() => {
    // The server times the session out (its sweeper runs every few seconds): ask again soon.
    setTimeout(() => void refresh(), 2500);
  }, [refresh]);

  const submit = async () => {
    if (!answer.ready) return;
    setSubmitting(true);
    setSubmitError(null);
    try {
      const saved = await answer.outbox.saveAndWait(answer.outbox.current() ?? '');
      await written.command({ type: 'submit', answerSha256: saved.sha256 });
      setConfirmOpen(false);
    } catch (e) {
      setSubmitError(
        e instanceof Error && e.name === 'OutboxRefusedError'
          ? t('written.submit.notSaved')
          : flowErrorMessage(t, e),
      );
      // Submitted or ended elsewhere (another tab, the deadline): show what the server holds.
      if (e instanceof ApiError && e.reason === 'not-allowed-in-state') void written.refresh();
    } finally {
      setSubmitting(false);
    }
  };

  const resume = async () => {
    setResumeError(null);
    try {
      await written.command({ type: 'resume' });
    } catch (e) {
      setResumeError(flowErrorMessage(t, e));
    }
  };

  const openWarnings = view.state.warnings.filter((w) => w.acknowledgedAt === null);

  return (
    <Stack gap="md">
      <ScreenGate active={!paused} />
      <Paper withBorder p="sm" pos="sticky" top={72} style={{ zIndex: 5 }}>
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="lg">
            {view.state.deadline !== null ? (
              <ExamTimer
                deadline={view.state.deadline}
                graceMs={graceMs(view.state.terms)}
                offset={written.offset}
                onExpired={onExpired}
                stoppedAt={onBreak?.startedAt ?? null}
              />
            ) : null}
            {(mine && (mine.timeFactor !== 1 || mine.extraMinutes !== 0)) || addedMinutes > 0 ? (
              <Stack gap={0}>
                {mine && (mine.timeFactor !== 1 || mine.extraMinutes !== 0) ? (
                  <Text size="sm">
                    {t('accommodationsLive.work.yourTime', {
                      time: formatWorkTime(t, language, mine),
                    })}
                  </Text>
                ) : null}
                {addedMinutes > 0 ? (
                  <Text size="sm">
                    {t('accommodationsLive.work.added', { minutes: addedMinutes })}
                  </Text>
                ) : null}
              </Stack>
            ) : null}
            {answer.ready ? <SaveStatus outbox={answer.outbox} language={language} /> : null}
            <AutomaticChecks
              exam={exam}
              view={view}
              // No checks on a break: the student may step away from the camera.
              enabled={!paused && !onBreak && exam.settings.automaticChecks}
            />
            <EvidenceRecorder
              sessionId={view.sessionId}
              snapshotSeconds={exam.settings.snapshotSeconds}
            />
          </Group>
          <Group gap="sm">
            {onBreak ? null : <TakeBreak view={view} written={written} />}
            <Button
              variant="default"
              color="orange"
              onClick={() => setIncidentOpen(true)}
              disabled={paused}
            >
              {t('written.incident.open')}
            </Button>
            {statement ? (
              <Checkbox
                label={statement[language]}
                checked={affirmed}
                onChange={(e) => setAffirmed(e.currentTarget.checked)}
                disabled={paused || onBreak !== null}
                maw={420}
              />
            ) : null}
            <Button
              onClick={openConfirm}
              disabled={
                paused ||
                onBreak !== null ||
                !editorOpen ||
                !answer.ready ||
                tooLong ||
                (statement !== null && !affirmed)
              }
            >
              {t('written.submitAssignment')}
            </Button>
          </Group>
        </Group>
      </Paper>

      {openWarnings.map((w) => (
        <Alert
          key={w.id}
          color="red"
          variant="filled"
          role="alert"
          title={t('written.warning.title')}
        >
          <Stack gap="xs">
            <WarningText category={w.category} note={w.note} />
            <Group>
              <Button
                variant="white"
                color="red"
                onClick={() =>
                  void written
                    .command({ type: 'acknowledge-warning', warningId: w.id })
                    .catch(() => {})
                }
              >
                {t('written.warning.acknowledge')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ))}

      <RoomScanRequest view={view} written={written} seconds={scanSeconds} />

      {exam.settings.secondCamera !== 'off' ? (
        <PairingPanel
          sessionId={view.sessionId}
          camera={written.secondCamera}
          onCamera={written.setSecondCamera}
          liveProctoring={exam.settings.liveProctoring}
          variant="workspace"
        />
      ) : null}

      {paused ? (
        <Alert color="orange" variant="light" title={t('written.paused.title')} role="alert">
          <Stack gap="xs">
            <Text>
              {exam.settings.liveProctoring
                ? t('written.paused.textProctor')
                : t('written.paused.textNoProctor')}
            </Text>
            {!exam.settings.liveProctoring ? (
              <Group>
                <Button onClick={() => void resume()}>{t('written.paused.resume')}</Button>
              </Group>
            ) : null}
            {resumeError ? <Text c="red">{resumeError}</Text> : null}
          </Stack>
        </Alert>
      ) : null}

      {answer.ready && answer.memoryOnly ? (
        <Alert color="yellow" variant="light">
          {t('written.save.memoryOnly')}
        </Alert>
      ) : null}

      {onBreak && view.state.deadline !== null ? (
        <BreakScreen
          view={view}
          written={written}
          workLeftMs={Math.max(0, view.state.deadline - onBreak.startedAt)}
        />
      ) : null}

      {/* Put away on a break, never unmounted: the editor keeps its text and the outbox sends. */}
      <Grid gap="lg" style={onBreak ? { display: 'none' } : undefined}>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <Paper withBorder p="md" component="section" aria-labelledby="task-title">
              <Title order={2} size="h4" id="task-title" mb="xs">
                {t('written.work.task')}
              </Title>
              <Text style={{ whiteSpace: 'pre-line' }}>{view.task ?? ''}</Text>
              <TaskFileLinks examId={view.examId} files={view.taskFiles ?? []} />
            </Paper>
            {!answer.ready ? (
              <Loader aria-label={t('common.loading')} />
            ) : editorOpen ? (
              <AnswerEditor
                outbox={answer.outbox}
                initialBody={answer.initialBody}
                readOnly={paused}
                onTooLong={setTooLong}
                richText={exam.settings.answer.richText}
                wordLimit={exam.settings.answer.wordLimit}
              />
            ) : (
              <Group>
                <Button size="md" onClick={() => setAdding(true)} disabled={paused}>
                  {t('written.addSubmission')}
                </Button>
              </Group>
            )}
            <AttachmentsPanel
              view={view}
              settings={exam.settings.attachments}
              types={exam.settings.attachmentTypes}
              written={written}
              readOnly={paused}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          {media.needs.camera ? (
            <Stack gap="xs" component="section" aria-labelledby="camera-title">
              <Title order={2} size="h5" id="camera-title">
                {t('written.work.camera')}
              </Title>
              <VideoPreview
                stream={media.camera}
                label={t('written.check.camera.preview')}
                height={180}
              />
            </Stack>
          ) : null}
          {media.needs.screen ? (
            <Text size="sm" c="dimmed">
              {media.screen ? t('written.work.screenShared') : t('written.work.screenNotShared')}
            </Text>
          ) : null}
        </Grid.Col>
      </Grid>

      <IncidentModal
        opened={incidentOpen}
        onClose={() => setIncidentOpen(false)}
        written={written}
        liveProctoring={exam.settings.liveProctoring}
      />
      <Modal
        opened={confirmOpen}
        onClose={() => setConfirmOpen(false)}
        title={t('written.submit.title')}
        centered
      >
        <Stack gap="md">
          <Text>{t('written.submit.text')}</Text>
          {submitLate ? <Text c="red">{t('written.timeUp.submitLate')}</Text> : null}
          <Text size="sm" c="dimmed">
            {t('written.submit.summary', {
              n: answer.ready ? answerTextLength(answer.outbox.current() ?? '') : 0,
              files: view.files.filter((f) => f.kind === 'attachment').length,
            })}
          </Text>
          {submitError ? (
            <Alert color="red" variant="light" role="alert">
              {submitError}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmOpen(false)} disabled={submitting}>
              {t('written.submit.keepWorking')}
            </Button>
            <Button onClick={() => void submit()} loading={submitting}>
              {t('written.submitAssignment')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
