// Check-in as one guided flow: exam page → system check → name and ID card → room scan (if the
// exam requires it) → consent and "Join meeting". Nothing goes to the server until the system
// check is passed (then `begin-check-in`) and "Join meeting" is pressed (uploads, then
// `complete-check-in`).
import { Alert, Button, Group, Loader, Stack, Stepper } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExamView, SessionView } from '@emtihan/protocol';
import { useSession, useUser } from '../../session/session';
import { formatDateTime } from '../../ui/format';
import { ExamOverviewStep } from './exam-overview.step';
import { nameProblem } from './check-in.rules';
import { IdentityStep, type IdentityData } from './identity.step';
import { JoinStep, type Consent, type JoinProgress } from './join.step';
import { flowErrorMessage } from './refusal.messages';
import { RoomScanStep } from './room-scan.step';
import { SystemCheckStep } from './system-check.step';
import { PairingPanel } from '../../second-camera/pairing-panel';
import type { WrittenExam } from './use-written-exam';
import {
  clearCheckInProgress,
  loadCheckInProgress,
  saveCheckInProgress,
  type CheckInProgress,
} from './check-in.progress';
import {
  checkInNeeds,
  checkInSteps,
  checkInWindow,
  identityComplete,
  resumeStep,
  type CheckInStep,
} from './written-flow.rules';
import { ApiError } from '../../api/client';

interface CheckInFlowProps {
  exam: ExamView;
  view: SessionView;
  written: WrittenExam;
  scanSeconds: number;
  startAt?: CheckInStep;
  serverNow: number;
}

/** Check-in, resumed where this device left it (a reload keeps the step, name and photos). */
export function CheckInFlow(props: CheckInFlowProps) {
  const { t } = useTranslation();
  const { sessionId } = props.view;
  const [saved, setSaved] = useState<{ progress: CheckInProgress | null } | null>(null);
  useEffect(() => {
    let live = true;
    void loadCheckInProgress(sessionId).then((progress) => live && setSaved({ progress }));
    return () => {
      live = false;
    };
  }, [sessionId]);
  if (!saved) return <Loader aria-label={t('common.loading')} />;
  return <CheckInSteps {...props} saved={saved.progress} />;
}

function CheckInSteps({
  exam,
  view,
  written,
  scanSeconds,
  startAt = 'overview',
  serverNow,
  saved,
}: CheckInFlowProps & { saved: CheckInProgress | null }) {
  const { t } = useTranslation();
  const { language } = useSession();
  const user = useUser();
  const steps = checkInSteps(exam.settings);
  const needs = checkInNeeds(exam.settings);
  const [step, setStep] = useState<CheckInStep>(() =>
    resumeStep(steps, startAt, saved, view.state.status),
  );
  // A rejection sends the student back to the photos: the old ones are not offered again.
  const keep = startAt === 'overview' ? saved : null;
  const index = steps.indexOf(step);
  const windowNow = checkInWindow(view.state, serverNow);

  const [systemOk, setSystemOk] = useState(false);
  const onVerdicts = useCallback((ok: boolean) => setSystemOk(ok), []);
  const [identity, setIdentity] = useState<IdentityData>({
    typedName: keep?.typedName ?? '',
    idPhoto: keep?.idPhoto ?? null,
    facePhoto: keep?.facePhoto ?? null,
  });
  const [nameError, setNameError] = useState<ReturnType<typeof nameProblem>>(null);
  const [scan, setScan] = useState<Blob | null>(keep?.scan ?? null);
  const { sessionId } = view;
  // Every step reached and everything taken is kept on this device until check-in completes.
  useEffect(() => {
    void saveCheckInProgress(sessionId, { step, ...identity, scan });
  }, [sessionId, step, identity, scan]);
  const [consent, setConsent] = useState<Consent>({ recording: false, faceMatching: false });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<JoinProgress>(null);

  const go = (to: CheckInStep) => {
    setError(null);
    setStep(to);
    // Focus moves to the step's heading, so a screen reader starts reading the new step.
    requestAnimationFrame(() => document.getElementById('check-in-step')?.focus());
  };

  /** Leaves the system check: check-in begins on the server (it checks the time window). */
  const startCheckIn = async () => {
    setBusy(true);
    setError(null);
    try {
      if (view.state.status === 'scheduled') await written.command({ type: 'begin-check-in' });
      go('identity');
    } catch (e) {
      setError(flowErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  const leaveIdentity = () => {
    const problem = nameProblem(identity.typedName, user.fullName);
    setNameError(problem);
    if (problem) return;
    go(exam.settings.roomScanRequired ? 'room-scan' : 'join');
  };

  const join = async () => {
    if (!identityComplete(needs, identity)) return go('identity');
    setBusy(true);
    setError(null);
    try {
      const status =
        written.load.state === 'ready' ? written.load.view.state.status : view.state.status;
      if (status === 'scheduled') await written.command({ type: 'begin-check-in' });
      const upload = (
        item: 'id' | 'face' | 'scan',
        kind: 'id-document' | 'face' | 'room-scan',
        blob: Blob,
        name: string,
        type: string,
      ) =>
        written.api.upload(sessionId, { kind, name, blob, contentType: type }, (p) =>
          setProgress({ item, percent: p.total > 0 ? (p.loaded / p.total) * 100 : 0 }),
        );
      // Only the photos the exam asks for are sent (a photo kept from before is not).
      let idDocumentSha256: string | undefined;
      if (needs.idPhoto && identity.idPhoto) {
        setProgress({ item: 'id', percent: 0 });
        idDocumentSha256 = (
          await upload('id', 'id-document', identity.idPhoto, 'id-document.jpg', 'image/jpeg')
        ).sha256;
      }
      let faceSha256: string | undefined;
      if (needs.facePhoto && identity.facePhoto) {
        setProgress({ item: 'face', percent: 0 });
        faceSha256 = (await upload('face', 'face', identity.facePhoto, 'face.jpg', 'image/jpeg'))
          .sha256;
      }
      let roomScanSha256: string | undefined;
      if (exam.settings.roomScanRequired && scan) {
        setProgress({ item: 'scan', percent: 0 });
        roomScanSha256 = (await upload('scan', 'room-scan', scan, 'room-scan.webm', 'video/webm'))
          .sha256;
      }
      setProgress({ item: 'check-in', percent: 100 });
      await written.command({
        type: 'complete-check-in',
        typedName: identity.typedName.trim(),
        ...(idDocumentSha256 ? { idDocumentSha256 } : {}),
        ...(faceSha256 ? { faceSha256 } : {}),
        ...(roomScanSha256 ? { roomScanSha256 } : {}),
        consentRecording: true,
        ...(exam.settings.faceMatching ? { consentFaceMatching: consent.faceMatching } : {}),
      });
      // The page now shows the waiting room or the workspace, by the new status.
      void clearCheckInProgress(sessionId);
    } catch (e) {
      setProgress(null);
      if (e instanceof ApiError && e.reason === 'name-mismatch') {
        setNameError(nameProblem(identity.typedName, user.fullName) ?? { matchedPart: '', at: 1 });
      }
      setError(flowErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  const opensAtText = formatDateTime(new Date(windowNow.opensAt).toISOString(), language);
  const next = (() => {
    switch (step) {
      case 'overview':
        return (
          <Button size="md" onClick={() => go('system')} disabled={windowNow.phase === 'closed'}>
            {t('written.overview.start')}
          </Button>
        );
      case 'system':
        return (
          <Button
            size="md"
            onClick={() => void startCheckIn()}
            disabled={!systemOk || windowNow.phase !== 'open'}
            loading={busy}
          >
            {t('written.check.continue')}
          </Button>
        );
      case 'identity':
        return (
          <Button size="md" onClick={leaveIdentity} disabled={!identityComplete(needs, identity)}>
            {t('written.next')}
          </Button>
        );
      case 'room-scan':
        return (
          <Button size="md" onClick={() => go('join')} disabled={!scan}>
            {t('written.next')}
          </Button>
        );
      case 'join':
        return null;
    }
  })();

  return (
    <Stack gap="lg">
      <Stepper
        active={index}
        size="sm"
        allowNextStepsSelect={false}
        aria-label={t('written.steps.label')}
      >
        {steps.map((s) => (
          <Stepper.Step key={s} label={t(`written.steps.${s}`)} />
        ))}
      </Stepper>
      <h2 id="check-in-step" tabIndex={-1} style={{ margin: 0, outline: 'none' }}>
        {t(`written.steps.${step}`)}
      </h2>
      {step === 'overview' ? (
        <ExamOverviewStep
          exam={exam}
          language={language}
          window={windowNow}
          terms={view.state.terms}
        />
      ) : null}
      {step === 'system' ? (
        <SystemCheckStep exam={exam} api={written.api} onVerdicts={onVerdicts} />
      ) : null}
      {step === 'identity' ? (
        <IdentityStep data={identity} onChange={setIdentity} nameError={nameError} photos={needs} />
      ) : null}
      {step === 'room-scan' ? (
        <RoomScanStep seconds={scanSeconds} clip={scan} onClip={setScan} />
      ) : null}
      {step === 'join' && exam.settings.secondCamera !== 'off' ? (
        <PairingPanel
          sessionId={view.sessionId}
          camera={written.secondCamera}
          onCamera={written.setSecondCamera}
          liveProctoring={exam.settings.liveProctoring}
          variant="check-in"
        />
      ) : null}
      {step === 'join' ? (
        <JoinStep
          faceMatching={exam.settings.faceMatching}
          liveProctoring={exam.settings.liveProctoring}
          media={exam.settings.media}
          consent={consent}
          onConsent={setConsent}
          onJoin={() => void join()}
          joining={busy}
          progress={progress}
          error={error}
        />
      ) : null}
      {step === 'system' && windowNow.phase === 'before' ? (
        <Alert color="blue" variant="light">
          {t('written.overview.notYet', { time: opensAtText })}
        </Alert>
      ) : null}
      {error && step !== 'join' ? (
        <Alert color="red" variant="light" role="alert">
          {error}
        </Alert>
      ) : null}
      <Group justify="space-between">
        {index > 0 ? (
          <Button variant="default" size="md" onClick={() => go(steps[index - 1]!)} disabled={busy}>
            {t('written.back')}
          </Button>
        ) : (
          <span />
        )}
        {next}
      </Group>
    </Stack>
  );
}
