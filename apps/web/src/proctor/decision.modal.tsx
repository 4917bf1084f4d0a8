import {
  Button,
  Group,
  Image,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { seedFlagCategories } from '@emtihan/domain';
import type { RosterEntry, SessionCommand, SessionView } from '@emtihan/protocol';
import { useSession } from '../session/session';
import { ErrorAlert } from '../ui/status';
import { useLoad } from '../ui/use-load';
import { FaceMatch } from './face-match';
import { SideViewCheck } from '../second-camera/side-view-check';

/** The decisions a proctor takes on one sitting; each opens this dialog. */
export type Decision = 'identity' | 'warn' | 'pause' | 'resume' | 'terminate' | 'annul';

interface Props {
  entry: RosterEntry & { sessionId: string };
  decision: Decision;
  onClose(): void;
  onDone(message: string): void;
}

/** A person decides: every action names its reason where the seed implies one. */
export function DecisionModal({ entry, decision, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [reason, setReason] = useState('');
  const [category, setCategory] = useState<string | null>(seedFlagCategories[0]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const send = async (command: SessionCommand, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await api.call('sessionCommand', { params: { sessionId: entry.sessionId }, body: command });
      onDone(done);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const who = { name: entry.fullName };
  // Approving needs no reason; rejecting, stopping and annulling do (the student sees it).
  const reasonField = (
    <Textarea
      label={t(decision === 'identity' ? 'proctorExam.rejectReason' : 'proctorExam.reason')}
      description={t('proctorExam.reasonHint')}
      value={reason}
      onChange={(e) => setReason(e.currentTarget.value)}
      autosize
      minRows={2}
      required={decision !== 'identity'}
    />
  );
  const reasonOk = reason.trim().length >= 3;

  return (
    <Modal opened onClose={onClose} title={t(`proctorExam.decision.${decision}`, who)} size="lg">
      <Stack>
        {decision === 'identity' ? <IdentityEvidence entry={entry} /> : null}
        {decision === 'warn' ? (
          <>
            <Select
              label={t('proctorExam.category')}
              data={seedFlagCategories.map((c) => ({
                value: c,
                label: t(`proctorExam.categories.${c}`),
              }))}
              value={category}
              onChange={setCategory}
              allowDeselect={false}
            />
            <Textarea
              label={t('proctorExam.note')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              autosize
              minRows={2}
            />
          </>
        ) : null}
        {decision === 'identity' || decision === 'terminate' || decision === 'annul'
          ? reasonField
          : null}
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {decision === 'identity' ? (
            <>
              <Button
                color="red"
                variant="light"
                disabled={!reasonOk || busy}
                onClick={() =>
                  send(
                    { type: 'reject-identity', reason: reason.trim() },
                    t('proctorExam.done.rejected', who),
                  )
                }
              >
                {t('proctorExam.reject')}
              </Button>
              <Button
                color="green"
                loading={busy}
                onClick={() =>
                  send({ type: 'approve-identity' }, t('proctorExam.done.approved', who))
                }
              >
                {t('proctorExam.approve')}
              </Button>
            </>
          ) : null}
          {decision === 'warn' ? (
            <Button
              loading={busy}
              disabled={!category}
              onClick={() =>
                send(
                  {
                    type: 'issue-warning',
                    category: category!,
                    ...(reason.trim() ? { note: reason.trim() } : {}),
                  },
                  t('proctorExam.done.warned', who),
                )
              }
            >
              {t('proctorExam.sendWarning')}
            </Button>
          ) : null}
          {decision === 'pause' ? (
            <Button
              loading={busy}
              onClick={() => send({ type: 'pause' }, t('proctorExam.done.paused', who))}
            >
              {t('proctorExam.pause')}
            </Button>
          ) : null}
          {decision === 'resume' ? (
            <>
              <Button
                variant="light"
                loading={busy}
                onClick={() => send({ type: 'resume' }, t('proctorExam.done.resumed', who))}
              >
                {t('proctorExam.resume')}
              </Button>
              <Button
                loading={busy}
                onClick={() =>
                  send({ type: 'resume', compensate: true }, t('proctorExam.done.resumed', who))
                }
              >
                {t('proctorExam.resumeCompensated')}
              </Button>
            </>
          ) : null}
          {decision === 'terminate' || decision === 'annul' ? (
            <Button
              color="red"
              disabled={!reasonOk || busy}
              onClick={() =>
                send(
                  { type: decision, reason: reason.trim() },
                  t(`proctorExam.done.${decision}`, who),
                )
              }
            >
              {t(`proctorExam.${decision}`)}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Modal>
  );
}

/** The ID document and face photos beside the name on the roster. */
function IdentityEvidence({ entry }: { entry: RosterEntry & { sessionId: string } }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const load = useCallback(
    (signal: AbortSignal): Promise<SessionView> =>
      api.call('getSession', { params: { sessionId: entry.sessionId }, signal }),
    [api, entry.sessionId],
  );
  const session = useLoad(load);
  const files = session.data?.files ?? [];
  const latest = (kind: string) => [...files].reverse().find((f) => f.kind === kind);
  const photo = (kind: 'id-document' | 'face') => {
    const f = latest(kind);
    return f ? (
      <Image
        src={`/api/sessions/${entry.sessionId}/files/${f.id}`}
        alt={t(`proctorExam.photo.${kind}`, { name: entry.fullName })}
        radius="sm"
      />
    ) : (
      <Text c="dimmed">{t('proctorExam.photo.missing')}</Text>
    );
  };
  return (
    <Stack gap="xs">
      <Text>
        {t('proctorExam.rosterName')}: <strong>{entry.fullName}</strong>
      </Text>
      <IdentityChecks entry={entry} />
      <FaceMatch sessionId={entry.sessionId} />
      <SideViewCheck sessionId={entry.sessionId} name={entry.fullName} />
      <SimpleGrid cols={2}>
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('proctorExam.photo.idTitle')}
          </Text>
          {photo('id-document')}
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('proctorExam.photo.faceTitle')}
          </Text>
          {photo('face')}
        </Stack>
      </SimpleGrid>
      {latest('room-scan') ? (
        <video
          controls
          src={`/api/sessions/${entry.sessionId}/files/${latest('room-scan')!.id}`}
          aria-label={t('proctorExam.roomScan')}
          style={{ width: '100%' }}
        />
      ) : null}
      <ErrorAlert error={session.error} />
    </Stack>
  );
}

/** The typed name (checked at check-in) and, when the detectors flagged it, a face mismatch. */
function IdentityChecks({ entry }: { entry: RosterEntry }) {
  const { t } = useTranslation();
  const mismatch = (entry.flags ?? []).find((f) => f.category === 'identity_mismatch');
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {t('console.nameChecked')}
      </Text>
      {mismatch ? (
        <Text size="sm" c="red" role="status">
          {t('console.faceMatch.title')}:{' '}
          {t('console.faceMatch.flagged', {
            time: new Date(mismatch.startAt).toLocaleTimeString(),
          })}
        </Text>
      ) : null}
    </Stack>
  );
}
