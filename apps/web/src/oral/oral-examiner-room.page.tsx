// The commission's room for one slot: the queue, everyone's video, and the current student's
// turn — ID check with a kept snapshot, ticket, preparation, answer, marks, notes, warnings,
// stop and annul — and the slot's protocol as PDF.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Image,
  List,
  Loader,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { seedFlagCategories } from '@emtihan/domain';
import {
  CSRF_HEADER,
  type OralCommand,
  type OralRoomView,
  type OralTurnView,
} from '@emtihan/protocol';
import { captureJpeg } from '../media/media.devices';
import { useSession, useUser } from '../session/session';
import { Page } from '../ui/page';
import { ErrorAlert, StatusMessage } from '../ui/status';
import { OralError } from './oral-error';
import { formatTime } from '../ui/format';
import { RecordingsPanel } from './oral-recordings.panel';
import { OralMediaRoom } from './oral-room.media';
import { PreparationTimer, TicketCard, WarningsPanel } from './oral-turn.panels';
import { useCameraMic } from './use-camera-mic';
import { useOralSlot, useServerNow } from './use-oral-slot';

export function OralExaminerRoomPage() {
  const { slotId } = useParams<{ slotId: string }>();
  const { t } = useTranslation();
  const user = useUser();
  const { socket, room, setRoom, error } = useOralSlot(slotId ?? null);
  const { media, open } = useCameraMic(true);
  const now = useServerNow(room?.serverNow);

  if (error && !room) return <ErrorAlert error={error} />;
  if (!room || !slotId) return <Loader aria-label={t('common.loading')} />;
  const current = room.turns.find((x) => x.studentId === room.current) ?? null;
  return (
    <Page title={t('oral.room.title', { exam: room.slot.examTitle })}>
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack>
            {media.state === 'ready' && socket ? (
              <OralMediaRoom
                socket={socket}
                slotId={slotId}
                selfId={user.id}
                selfName={user.fullName}
                stream={media.stream}
                canShareScreen={false}
                canRequestScreen={current !== null}
              />
            ) : media.state === 'failed' ? (
              <Alert color="red" role="alert">
                {t(`oral.check.failure.${media.failure}`)}
                <Button mt="xs" onClick={() => void open()}>
                  {t('oral.check.retry')}
                </Button>
              </Alert>
            ) : (
              <Loader aria-label={t('common.loading')} />
            )}
            {current ? (
              <CurrentTurn room={room} turn={current} now={now} onRoom={setRoom} />
            ) : (
              <Text role="status">{t('oral.room.nobody')}</Text>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Queue room={room} onRoom={setRoom} />
            <ProtocolLinks slotId={slotId} />
            <RecordingsPanel room={room} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Page>
  );
}

function useCommand(onRoom: (r: OralRoomView) => void) {
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (sessionId: string, body: OralCommand) => {
    setBusy(true);
    setError(null);
    try {
      onRoom(await api.call('oralCommand', { params: { sessionId }, body }));
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error };
}

function Queue({ room, onRoom }: { room: OralRoomView; onRoom: (r: OralRoomView) => void }) {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const { run, busy, error } = useCommand(onRoom);
  const [moveError, setMoveError] = useState<unknown>(null);
  // Those still to be called in: the commission may change their order (the domain's rule).
  const toCall = room.turns.filter(
    (turn) => turn.status === 'waiting_room' || turn.status === 'not_joined',
  );
  const moveTurn = async (studentId: string, move: 'up' | 'down') => {
    setMoveError(null);
    try {
      onRoom(
        await api.call('moveInOralQueue', {
          params: { slotId: room.slot.slotId },
          body: { studentId, move },
        }),
      );
    } catch (e) {
      setMoveError(e);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="oral-queue">
      <Title order={2} size="h4" id="oral-queue">
        {t('oral.queue.title')}
      </Title>
      {error ? <OralError error={error} /> : null}
      {moveError ? <OralError error={moveError} /> : null}
      <List listStyleType="none" spacing="sm" mt="sm">
        {room.turns.map((turn) => (
          <List.Item key={turn.studentId}>
            <Stack gap={2}>
              <Text fw={600}>{turn.fullName}</Text>
              <Group gap="xs">
                <Badge variant="light">{t(`oral.status.${turn.status}`)}</Badge>
                {turn.estimatedAt !== null && turn.status === 'waiting_room' ? (
                  <Text size="xs" c="dimmed">
                    {t('oral.queue.estimated', {
                      time: formatTime(new Date(turn.estimatedAt).toISOString(), language),
                    })}
                  </Text>
                ) : null}
                {turn.finalMark !== null ? (
                  <Badge color="green">{t('oral.grade.final', { mark: turn.finalMark })}</Badge>
                ) : null}
              </Group>
              <Group gap="xs">
                {turn.status === 'waiting_room' && room.current === null && turn.sessionId ? (
                  <Button
                    size="xs"
                    loading={busy}
                    onClick={() => void run(turn.sessionId!, { type: 'call-in' })}
                    aria-label={t('oral.queue.callInFor', { name: turn.fullName })}
                  >
                    {t('oral.queue.callIn')}
                  </Button>
                ) : null}
                {toCall.includes(turn) ? (
                  <>
                    <Button
                      size="xs"
                      variant="default"
                      disabled={toCall[0] === turn}
                      onClick={() => void moveTurn(turn.studentId, 'up')}
                      aria-label={t('oral.queue.upFor', { name: turn.fullName })}
                    >
                      {t('oral.queue.up')}
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      disabled={toCall.at(-1) === turn}
                      onClick={() => void moveTurn(turn.studentId, 'down')}
                      aria-label={t('oral.queue.downFor', { name: turn.fullName })}
                    >
                      {t('oral.queue.down')}
                    </Button>
                  </>
                ) : null}
              </Group>
            </Stack>
          </List.Item>
        ))}
      </List>
    </Card>
  );
}

function ProtocolLinks({ slotId }: { slotId: string }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="oral-protocol">
      <Title order={2} size="h4" id="oral-protocol">
        {t('oral.protocol.title')}
      </Title>
      <Group mt="xs">
        {(['kk', 'ru', 'en'] as const).map((lang) => (
          <Anchor
            key={lang}
            href={`/api/oral/slots/${slotId}/protocol.pdf?lang=${lang}`}
            target="_blank"
            rel="noopener"
          >
            {t(`oral.protocol.${lang}`)}
          </Anchor>
        ))}
      </Group>
    </Card>
  );
}

function CurrentTurn(props: {
  room: OralRoomView;
  turn: OralTurnView;
  now: number;
  onRoom: (r: OralRoomView) => void;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const { turn, room } = props;
  const { run, busy, error } = useCommand(props.onRoom);
  const sessionId = turn.sessionId!;
  const [reason, setReason] = useState('');
  const [mark, setMark] = useState<string | number>('');
  const [note, setNote] = useState('');
  const [category, setCategory] = useState<string | null>(seedFlagCategories[0]);
  const [snapshot, setSnapshot] = useState<string | null>(null);
  const [status, setStatus] = useState<'kept' | 'noVideo' | null>(null);
  const scaleMax = room.slot.scale === 'five-point' ? 5 : 100;
  const scaleMin = room.slot.scale === 'five-point' ? 2 : 0;

  const takeSnapshot = async () => {
    const video = [...document.querySelectorAll<HTMLVideoElement>('video')].find(
      (v) => v.getAttribute('aria-label') === t('oral.media.videoOf', { name: turn.fullName }),
    );
    if (!video) return setStatus('noVideo');
    const blob = await captureJpeg(video);
    const { csrfToken } = await api.call('me');
    await fetch(`/api/oral/sessions/${sessionId}/id-snapshot`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', [CSRF_HEADER]: csrfToken },
      body: blob,
      credentials: 'same-origin',
    });
    setSnapshot(URL.createObjectURL(blob));
    setStatus('kept');
  };

  return (
    <Card withBorder component="section" aria-labelledby="oral-current">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h3" id="oral-current">
            {turn.fullName}
          </Title>
          <Badge size="lg">{t(`oral.status.${turn.status}`)}</Badge>
        </Group>
        {error ? <OralError error={error} /> : null}
        <StatusMessage message={status ? t(`oral.id.${status}`) : null} />
        {turn.status === 'identity_check' ? (
          <Stack gap="xs">
            <Text>{t('oral.id.ask')}</Text>
            <Group>
              <Button variant="default" onClick={() => void takeSnapshot()}>
                {t('oral.id.snapshot')}
              </Button>
              {!turn.identityApproved ? (
                <Button
                  loading={busy}
                  onClick={() => void run(sessionId, { type: 'approve-identity' })}
                >
                  {t('oral.id.approve')}
                </Button>
              ) : (
                <>
                  <Badge color="green">{t('oral.id.approved')}</Badge>
                  <Button
                    loading={busy}
                    onClick={() => void run(sessionId, { type: 'draw-ticket' })}
                  >
                    {t('oral.ticket.draw')}
                  </Button>
                </>
              )}
            </Group>
            {snapshot ? <Image src={snapshot} alt={t('oral.id.snapshotAlt')} w={240} /> : null}
            {turn.hasIdSnapshot && !snapshot ? <Text size="sm">{t('oral.id.kept')}</Text> : null}
            {!turn.identityApproved ? (
              <Group align="flex-end">
                <Textarea
                  label={t('oral.id.rejectReason')}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  autosize
                  minRows={1}
                />
                <Button
                  color="red"
                  variant="light"
                  disabled={reason.trim().length < 3}
                  onClick={() => void run(sessionId, { type: 'reject-identity', reason })}
                >
                  {t('oral.id.reject')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        ) : null}
        <TicketCard turn={turn} />
        <PreparationTimer
          turn={turn}
          preparationMinutes={room.slot.preparationMinutes}
          now={props.now}
        />
        {turn.status === 'ticket_drawn' ? (
          <Button loading={busy} onClick={() => void run(sessionId, { type: 'start-answer' })}>
            {t('oral.answer.start')}
          </Button>
        ) : null}
        {turn.status === 'answering' ? (
          <Group align="flex-end">
            <NumberInput
              label={t('oral.grade.label', { min: scaleMin, max: scaleMax })}
              value={mark}
              onChange={setMark}
              allowDecimal={false}
            />
            <Button
              loading={busy}
              disabled={mark === ''}
              onClick={() => void run(sessionId, { type: 'grade', mark: Number(mark) })}
            >
              {t('oral.grade.save')}
            </Button>
          </Group>
        ) : null}
        {turn.grades.length ? (
          <Text size="sm">
            {t('oral.grade.given', {
              marks: turn.grades.map((g) => g.mark).join(', '),
            })}
          </Text>
        ) : null}
        <WarningsPanel turn={turn} />
        <Group align="flex-end">
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
          <Button
            variant="light"
            color="orange"
            disabled={!category}
            onClick={() => void run(sessionId, { type: 'issue-warning', category: category! })}
          >
            {t('oral.warning.issue')}
          </Button>
        </Group>
        <Stack gap="xs">
          <Textarea
            label={t('oral.notes.label')}
            description={t('oral.notes.private')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Group>
            <Button
              variant="default"
              disabled={note.trim() === ''}
              onClick={() =>
                void run(sessionId, { type: 'note', text: note }).then((ok) => ok && setNote(''))
              }
            >
              {t('oral.notes.save')}
            </Button>
          </Group>
          {room.notes
            .filter((n) => n.studentId === turn.studentId)
            .map((n, i) => (
              <Text key={i} size="sm">
                {n.text}
              </Text>
            ))}
        </Stack>
        <Group align="flex-end">
          <Textarea
            label={t('oral.end.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={1}
          />
          <Button
            color="red"
            disabled={reason.trim().length < 3}
            onClick={() => void run(sessionId, { type: 'terminate', reason })}
          >
            {t('oral.end.terminate')}
          </Button>
          {turn.status === 'ticket_drawn' || turn.status === 'answering' ? (
            <Button
              color="red"
              variant="outline"
              disabled={reason.trim().length < 3}
              onClick={() => void run(sessionId, { type: 'annul', reason })}
            >
              {t('oral.end.annul')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}
