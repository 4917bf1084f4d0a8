// The student's oral exam: their slot, the system check (camera, microphone, noise), the waiting
// room with the place in the queue and the estimated time (live), then the room with the
// commission: ID check, ticket, preparation, answer; and the result.
import {
  Alert,
  Button,
  Card,
  Group,
  List,
  Loader,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { OralCommand, OralRoomView, OralTurnView } from '@emtihan/protocol';
import { listenLevel } from '../media/media.devices';
import { estimateRoomDb, judgeNoise, meterLevel } from '../media/system-check.rules';
import { useSession, useUser } from '../session/session';
import { formatDateTime, formatTime } from '../ui/format';
import { Page } from '../ui/page';
import { ErrorAlert } from '../ui/status';
import { OralError } from './oral-error';
import { useLoad } from '../ui/use-load';
import { OralRecordingUpload, RecordedNotice } from './oral-recording';
import { OralMediaRoom } from './oral-room.media';
import { BookingPanel } from './planning/booking.panel';
import { UniversityTime } from '../ui/university-time';
import { PreparationTimer, TicketCard, WarningsPanel } from './oral-turn.panels';
import { useCameraMic } from './use-camera-mic';
import { useOralSlot, useServerNow } from './use-oral-slot';

const NOISE_LIMIT_DB = 60;

export function OralStudentPage() {
  const { examId } = useParams<{ examId: string }>();
  const { t } = useTranslation();
  const { api, language } = useSession();
  const load = useCallback(
    (signal: AbortSignal) => api.call('myOralSlot', { params: { examId: examId! }, signal }),
    [api, examId],
  );
  const mine = useLoad(load);
  const [joined, setJoined] = useState<OralRoomView | null>(null);
  const [joinError, setJoinError] = useState<unknown>(null);
  const { media, open } = useCameraMic(false);
  const { socket, room, setRoom } = useOralSlot(joined ? joined.slot.slotId : null, joined);

  if (mine.state === 'loading') return <Loader aria-label={t('common.loading')} />;
  if (mine.state === 'failed') return <ErrorAlert error={mine.error} />;
  const slot = mine.data.slot;
  if (!slot) {
    return (
      <Page title={t('oral.student.title')}>
        {mine.data.booking ? (
          <BookingPanel examId={examId!} booking={mine.data.booking} onBooked={mine.reload} />
        ) : (
          <Text>{t('oral.student.noSlot')}</Text>
        )}
      </Page>
    );
  }
  const join = async () => {
    setJoinError(null);
    try {
      setJoined(await api.call('joinOralSlot', { params: { slotId: slot.slotId } }));
    } catch (e) {
      setJoinError(e);
    }
  };
  const view = room ?? joined;
  const turn = view?.turns[0] ?? null;

  return (
    <Page title={t('oral.student.title')} intro={<Text c="dimmed">{slot.examTitle}</Text>}>
      <Stack>
        {!view ? (
          <>
            <Card withBorder component="section" aria-labelledby="oral-slot">
              <Title order={2} size="h4" id="oral-slot">
                {t('oral.student.slot')}
              </Title>
              <List mt="xs">
                <List.Item>
                  {t('oral.student.when', {
                    time: formatDateTime(slot.startsAt, language),
                    minutes: slot.lengthMinutes,
                  })}
                  <UniversityTime iso={slot.startsAt} />
                </List.Item>
                <List.Item>
                  {t('oral.student.commission', {
                    names: slot.examiners.map((e) => e.fullName).join(', '),
                  })}
                </List.Item>
                <List.Item>
                  {t('oral.student.opens', {
                    time: formatTime(slot.waitingRoomOpensAt, language),
                  })}
                </List.Item>
              </List>
              <Alert mt="sm" color="blue" title={t('oral.student.idTitle')}>
                {t('oral.student.idText')}
              </Alert>
            </Card>
            {slot.record ? <RecordedNotice /> : null}
            <SystemCheck media={media} open={open} />
            {joinError ? <OralError error={joinError} /> : null}
            <Group>
              <Button size="md" disabled={media.state !== 'ready'} onClick={() => void join()}>
                {t('oral.student.enter')}
              </Button>
            </Group>
          </>
        ) : turn ? (
          <Turn
            room={view}
            turn={turn}
            socket={socket}
            stream={media.state === 'ready' ? media.stream : null}
            onRoom={setRoom}
          />
        ) : null}
      </Stack>
    </Page>
  );
}

function SystemCheck(props: {
  media: ReturnType<typeof useCameraMic>['media'];
  open: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [level, setLevel] = useState(0);
  const [noise, setNoise] = useState<'quiet' | 'loud' | null>(null);
  const stream = props.media.state === 'ready' ? props.media.stream : null;
  useEffect(() => {
    if (video.current && stream) video.current.srcObject = stream;
    if (!stream) return;
    const blocks: number[] = [];
    const stop = listenLevel(stream, (db) => {
      setLevel(meterLevel(db));
      blocks.push(db);
      if (blocks.length === 30) {
        const estimate = estimateRoomDb(blocks);
        if (estimate !== null) setNoise(judgeNoise(estimate, NOISE_LIMIT_DB).code);
      }
    });
    return stop;
  }, [stream]);
  return (
    <Card withBorder component="section" aria-labelledby="oral-check">
      <Title order={2} size="h4" id="oral-check">
        {t('oral.check.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('oral.check.intro')}
      </Text>
      {props.media.state === 'idle' || props.media.state === 'asking' ? (
        <Button onClick={() => void props.open()} loading={props.media.state === 'asking'}>
          {t('oral.check.start')}
        </Button>
      ) : props.media.state === 'failed' ? (
        <Alert color="red" role="alert">
          {t(`oral.check.failure.${props.media.failure}`)}
          <Button mt="xs" onClick={() => void props.open()}>
            {t('oral.check.retry')}
          </Button>
        </Alert>
      ) : (
        <Group align="flex-start">
          <video
            ref={video}
            autoPlay
            muted
            playsInline
            aria-label={t('oral.check.preview')}
            style={{ width: 240, borderRadius: 4, background: '#222' }}
          />
          <Stack gap="xs" style={{ flex: 1 }}>
            <Text role="status">{t('oral.check.cameraOk')}</Text>
            <Text id="oral-mic">{t('oral.check.microphone')}</Text>
            <Progress value={level} aria-labelledby="oral-mic" />
            {noise ? (
              <Text role="status" c={noise === 'quiet' ? 'green' : 'orange'}>
                {t(`oral.check.noise.${noise}`)}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t('oral.check.listening')}
              </Text>
            )}
          </Stack>
        </Group>
      )}
    </Card>
  );
}

function Turn(props: {
  room: OralRoomView;
  turn: OralTurnView;
  socket: ReturnType<typeof useOralSlot>['socket'];
  stream: MediaStream | null;
  onRoom: (r: OralRoomView) => void;
}) {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const user = useUser();
  const { room, turn } = props;
  const now = useServerNow(room.serverNow);
  const [error, setError] = useState<unknown>(null);
  const run = async (body: OralCommand) => {
    setError(null);
    try {
      props.onRoom(await api.call('oralCommand', { params: { sessionId: turn.sessionId! }, body }));
    } catch (e) {
      setError(e);
    }
  };

  if (turn.status === 'waiting_room' || turn.status === 'not_joined') {
    return (
      <Stack>
        {room.slot.record ? <RecordedNotice /> : null}
        <Card withBorder component="section" aria-labelledby="oral-waiting">
          <Title order={2} size="h3" id="oral-waiting">
            {t('oral.waiting.title')}
          </Title>
          <Stack gap="xs" mt="sm" role="status">
            {turn.place !== null ? (
              <Text size="xl">{t('oral.waiting.place', { place: turn.place })}</Text>
            ) : null}
            {turn.estimatedAt !== null ? (
              <Text>
                {t('oral.waiting.estimated', {
                  time: formatTime(new Date(turn.estimatedAt).toISOString(), language),
                })}
              </Text>
            ) : null}
          </Stack>
          <Text mt="sm" c="dimmed">
            {t('oral.waiting.keep')}
          </Text>
        </Card>
      </Stack>
    );
  }
  if (turn.status === 'graded' || turn.status === 'terminated' || turn.status === 'annulled') {
    return (
      <Card withBorder component="section" aria-labelledby="oral-ended">
        <Title order={2} size="h3" id="oral-ended">
          {t(`oral.ended.${turn.status}`)}
        </Title>
        <Stack gap="xs" mt="sm" role="status">
          {turn.finalMark !== null ? (
            <Text size="xl">{t('oral.grade.final', { mark: turn.finalMark })}</Text>
          ) : null}
          {turn.endReason ? (
            <Text>{t('oral.ended.reason', { reason: turn.endReason })}</Text>
          ) : null}
        </Stack>
        {room.slot.record && turn.sessionId ? (
          <OralRecordingUpload sessionId={turn.sessionId} />
        ) : null}
      </Card>
    );
  }
  return (
    <Stack>
      <Title order={2} size="h3" role="status">
        {t(`oral.student.step.${turn.status}`)}
      </Title>
      {error ? <OralError error={error} /> : null}
      {room.slot.record ? <RecordedNotice /> : null}
      <WarningsPanel
        turn={turn}
        onAcknowledge={(warningId) => void run({ type: 'acknowledge-warning', warningId })}
      />
      {props.stream && props.socket ? (
        <OralMediaRoom
          socket={props.socket}
          slotId={room.slot.slotId}
          selfId={user.id}
          selfName={user.fullName}
          stream={props.stream}
          canShareScreen
          canRequestScreen={false}
          recordAs={room.slot.record ? turn.sessionId : null}
        />
      ) : (
        <Alert color="orange" role="alert">
          {t('oral.student.cameraLost')}
        </Alert>
      )}
      {turn.status === 'identity_check' ? (
        <Alert color="blue" title={t('oral.student.idTitle')}>
          {turn.identityApproved ? t('oral.student.idApproved') : t('oral.student.idShow')}
        </Alert>
      ) : null}
      {turn.status === 'identity_check' && turn.identityApproved ? (
        <Group>
          <Button size="md" onClick={() => void run({ type: 'draw-ticket' })}>
            {t('oral.ticket.draw')}
          </Button>
        </Group>
      ) : null}
      <TicketCard turn={turn} />
      <PreparationTimer turn={turn} preparationMinutes={room.slot.preparationMinutes} now={now} />
      {turn.status === 'ticket_drawn' ? (
        <Group>
          <Button onClick={() => void run({ type: 'start-answer' })}>
            {t('oral.answer.start')}
          </Button>
        </Group>
      ) : null}
      {turn.status === 'answering' ? <Text>{t('oral.answer.now')}</Text> : null}
    </Stack>
  );
}
