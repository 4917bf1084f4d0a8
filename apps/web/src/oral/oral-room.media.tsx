// The room's video grid: this person's camera and every other participant's, with who is
// speaking and who has muted. Runs the WebRTC mesh while shown.
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Socket } from 'socket.io-client';
import type { OralMediaState } from '@emtihan/protocol';
import { listenLevel, openScreen, stopStream } from '../media/media.devices';
import { OralRecording } from './oral-recording';
import { OralMesh, type RemoteParticipant } from './rtc/oral-mesh';

/** dBFS above which a participant counts as speaking. */
const SPEAKING_DB = -45;

function useSpeaking(stream: MediaStream | null): boolean {
  const [speaking, setSpeaking] = useState(false);
  useEffect(() => {
    if (!stream || stream.getAudioTracks().length === 0) return;
    let last = 0;
    const stop = listenLevel(
      stream,
      (db) => {
        const now = performance.now();
        if (db > SPEAKING_DB) last = now;
        setSpeaking(now - last < 600);
      },
      150,
    );
    return stop;
  }, [stream]);
  return speaking;
}

function Tile(props: {
  name: string;
  stream: MediaStream | null;
  self?: boolean;
  media: OralMediaState | null;
  kind?: 'camera' | 'screen';
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLVideoElement>(null);
  const speaking =
    useSpeaking(props.kind === 'screen' ? null : props.stream) || !!props.media?.speaking;
  useEffect(() => {
    const v = ref.current;
    if (v && v.srcObject !== props.stream) {
      v.srcObject = props.stream;
      void v.play().catch(() => {});
    }
  }, [props.stream]);
  const label =
    props.kind === 'screen' ? t('oral.media.screenOf', { name: props.name }) : props.name;
  return (
    <Card
      withBorder
      padding="xs"
      component="figure"
      style={{
        margin: 0,
        borderColor: speaking ? 'var(--mantine-color-green-6)' : undefined,
        borderWidth: speaking ? 3 : 1,
      }}
    >
      <video
        ref={ref}
        autoPlay
        playsInline
        muted={props.self === true}
        aria-label={t('oral.media.videoOf', { name: label })}
        data-peer-video={props.self ? 'self' : 'remote'}
        style={{ width: '100%', aspectRatio: '4 / 3', background: '#222', borderRadius: 4 }}
      />
      <Group component="figcaption" justify="space-between" gap="xs" mt={4}>
        <Text size="sm" fw={600}>
          {label}
          {props.self ? ` (${t('oral.media.you')})` : ''}
        </Text>
        <Group gap={4}>
          {speaking ? (
            <Badge color="green" size="sm">
              {t('oral.media.speaking')}
            </Badge>
          ) : null}
          {props.media?.muted ? (
            <Badge color="red" size="sm">
              {t('oral.media.muted')}
            </Badge>
          ) : null}
          {props.media?.cameraOff ? (
            <Badge color="gray" size="sm">
              {t('oral.media.cameraOff')}
            </Badge>
          ) : null}
        </Group>
      </Group>
    </Card>
  );
}

export function OralMediaRoom(props: {
  socket: Socket;
  slotId: string;
  selfId: string;
  selfName: string;
  stream: MediaStream;
  /** The student may share the screen when an examiner asks. */
  canShareScreen: boolean;
  /** Examiners may ask the student in the room for the screen. */
  canRequestScreen: boolean;
  /** The student's own session when the slot is recorded: this browser records the turn. */
  recordAs?: string | null;
}) {
  const { t } = useTranslation();
  const [participants, setParticipants] = useState<RemoteParticipant[]>([]);
  const meshRef = useRef<OralMesh | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const [screen, setScreen] = useState<MediaStream | null>(null);
  const [screenAsked, setScreenAsked] = useState(false);
  const [screenProblem, setScreenProblem] = useState<
    'not-entire' | 'denied' | 'unsupported' | null
  >(null);
  const speaking = useSpeaking(props.stream);

  useEffect(() => {
    const m = new OralMesh(props.socket, props.slotId, props.selfId);
    m.onChange = setParticipants;
    m.onScreenRequest = () => setScreenAsked(true);
    m.addStream(props.stream);
    let cancelled = false;
    const enter = () =>
      void m.enter().then((r) => {
        if (!cancelled) setRefused(r.ok ? null : r.message);
      });
    if (props.socket.connected) enter();
    props.socket.on('connect', enter);
    meshRef.current = m;
    return () => {
      cancelled = true;
      props.socket.off('connect', enter);
      m.close();
      meshRef.current = null;
    };
  }, [props.socket, props.slotId, props.selfId, props.stream]);

  useEffect(() => {
    meshRef.current?.sendMedia({ muted, cameraOff, speaking, screen: screen !== null });
  }, [muted, cameraOff, speaking, screen, participants.length]);

  const toggleMute = () => {
    for (const track of props.stream.getAudioTracks()) track.enabled = muted;
    setMuted(!muted);
  };
  const toggleCamera = () => {
    for (const track of props.stream.getVideoTracks()) track.enabled = cameraOff;
    setCameraOff(!cameraOff);
  };
  const shareScreen = async () => {
    const r = await openScreen();
    const mesh = meshRef.current;
    if (!r.ok) return setScreenProblem(r.failure === 'error' ? 'denied' : r.failure);
    if (!mesh) return;
    // As in the written exam: the entire screen, not a window or a tab.
    if (r.surface !== undefined && r.surface !== 'monitor') {
      stopStream(r.stream);
      return setScreenProblem('not-entire');
    }
    setScreenProblem(null);
    setScreen(r.stream);
    setScreenAsked(false);
    mesh.addStream(r.stream);
    r.stream.getVideoTracks()[0]?.addEventListener('ended', () => {
      mesh.removeStream(r.stream);
      setScreen(null);
    });
  };
  const stopScreen = () => {
    const mesh = meshRef.current;
    if (!screen || !mesh) return;
    mesh.removeStream(screen);
    stopStream(screen);
    setScreen(null);
  };

  return (
    <Stack gap="sm" component="section" aria-label={t('oral.media.title')}>
      {refused ? (
        <Text role="alert" c="red">
          {refused}
        </Text>
      ) : null}
      {screenProblem && !screen ? (
        <Text role="alert" c="red">
          {t(`written.check.screen.${screenProblem}`)}
        </Text>
      ) : null}
      {screenAsked && props.canShareScreen && !screen ? (
        <Card withBorder role="alert" bg="yellow.0">
          <Group justify="space-between">
            <Text>{t('oral.media.screenAsked')}</Text>
            <Button onClick={() => void shareScreen()}>{t('written.shareEntireScreen')}</Button>
          </Group>
        </Card>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <Tile
          name={props.selfName}
          stream={props.stream}
          self
          media={{ muted, cameraOff, speaking, screen: screen !== null }}
        />
        {participants.map((p) => (
          <Tile key={p.peer.userId} name={p.peer.fullName} stream={p.camera} media={p.media} />
        ))}
        {participants
          .filter((p) => p.screen)
          .map((p) => (
            <Tile
              key={`${p.peer.userId}-screen`}
              name={p.peer.fullName}
              stream={p.screen}
              media={null}
              kind="screen"
            />
          ))}
      </SimpleGrid>
      <Text role="status" size="sm" c="dimmed">
        {t('oral.media.inRoom', { n: participants.length + 1 })}
      </Text>
      {props.recordAs ? (
        <OralRecording
          sessionId={props.recordAs}
          camera={props.stream}
          remotes={participants.flatMap((p) => (p.camera ? [p.camera] : []))}
          screen={screen}
        />
      ) : null}
      <Group>
        <Button variant="default" onClick={toggleMute} aria-pressed={muted}>
          {t('oral.media.mute')}
        </Button>
        <Button variant="default" onClick={toggleCamera} aria-pressed={cameraOff}>
          {t('oral.media.stopCamera')}
        </Button>
        {/* While the examiner's request is shown, its own button is the one to press. */}
        {props.canShareScreen && !(screenAsked && !screen) ? (
          screen ? (
            <Button variant="default" onClick={stopScreen}>
              {t('oral.media.stopScreen')}
            </Button>
          ) : (
            <Button variant="default" onClick={() => void shareScreen()}>
              {t('written.shareEntireScreen')}
            </Button>
          )
        ) : null}
        {props.canRequestScreen ? (
          <Button variant="default" onClick={() => meshRef.current?.requestScreen()}>
            {t('oral.media.requestScreen')}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
