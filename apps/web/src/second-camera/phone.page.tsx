// The phone's page (ADR 0023): opened from the QR code (`/pair/<token>`) or by typing the code
// (`/pair`), then kept at `/phone`. No login: the pairing gives this phone a credential for one
// sitting. The page films with the rear camera, shows where to put the phone, keeps the screen
// on, reports how its camera is, sends its video to the proctors and records the side track.
// It shows nothing of the exam.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Loader,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { PhoneView } from '@emtihan/protocol';
import { ApiError, createApiClient, type ApiClient } from '../api/client';
import { isLanguage } from '../i18n/languages';
import { useSession } from '../session/session';
import { PhoneGuide } from './phone-guide';
import { usePhoneCamera } from './use-phone-camera';
import { useSideRecording } from './use-side-recording';

type Stage =
  | { kind: 'loading' }
  | { kind: 'code' }
  | { kind: 'refused'; reason: string }
  | { kind: 'ready'; view: PhoneView };

/** Why a pairing failed, as the phone's page says it. */
function refusalOf(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 401) return 'unpaired';
    if (e.status === 429) return 'rate-limited';
    if (e.reason) return e.reason;
    if (e.code === 'bad-request') return 'pairing-unknown';
    if (e.code === 'network') return 'network';
  }
  return 'failed';
}

export function PhonePage() {
  const { t } = useTranslation();
  const { token } = useParams();
  const navigate = useNavigate();
  const api = useMemo(() => createApiClient(), []);
  const typing = token === undefined && window.location.pathname.startsWith('/pair');
  const [stage, setStage] = useState<Stage>(typing ? { kind: 'code' } : { kind: 'loading' });
  useDocumentTitle(t('phone.title'));
  // The QR code carries the language the student reads on the laptop.
  const { changeLanguage } = useSession();
  useEffect(() => {
    const lang = new URLSearchParams(window.location.search).get('lang');
    if (isLanguage(lang)) changeLanguage(lang);
  }, [changeLanguage]);

  useEffect(() => {
    if (typing) return;
    let live = true;
    const go = token ? api.call('redeemPairing', { body: { token } }) : api.call('phone');
    go.then(
      (view) => {
        if (!live) return;
        setStage({ kind: 'ready', view });
        // A reload must not redeem the used token again: the credential is the cookie now.
        if (token) void navigate(`/phone${window.location.search}`, { replace: true });
      },
      (e: unknown) => live && setStage({ kind: 'refused', reason: refusalOf(e) }),
    );
    return () => {
      live = false;
    };
  }, [api, token, typing, navigate]);

  return (
    <Stack gap="md" maw={560} mx="auto" p="xs">
      <Title order={1} size="h2">
        {t('phone.title')}
      </Title>
      {stage.kind === 'loading' ? <Loader aria-label={t('common.loading')} /> : null}
      {stage.kind === 'code' ? (
        <CodeForm
          api={api}
          onPaired={(view) => {
            setStage({ kind: 'ready', view });
            void navigate(`/phone${window.location.search}`, { replace: true });
          }}
        />
      ) : null}
      {stage.kind === 'refused' ? <Refused reason={stage.reason} /> : null}
      {stage.kind === 'ready' ? <PhoneCamera api={api} view={stage.view} /> : null}
    </Stack>
  );
}

function CodeForm({ api, onPaired }: { api: ApiClient; onPaired(view: PhoneView): void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onPaired(await api.call('redeemPairing', { body: { code } }));
    } catch (err) {
      setError(refusalOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <Stack gap="md">
        <Text size="lg">{t('phone.code.intro')}</Text>
        <TextInput
          size="xl"
          label={t('phone.code.label')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={16}
          required
        />
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {t(`phone.refused.${error}`, { defaultValue: t('phone.refused.failed') })}
          </Alert>
        ) : null}
        <Button type="submit" size="xl" loading={busy} disabled={code.trim().length < 4}>
          {t('phone.code.connect')}
        </Button>
      </Stack>
    </form>
  );
}

function Refused({ reason }: { reason: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert color="red" variant="light" role="alert" title={t('phone.refused.title')}>
        {t(`phone.refused.${reason}`, { defaultValue: t('phone.refused.failed') })}
      </Alert>
      <Text size="lg">{t('phone.refused.next')}</Text>
      <Button component="a" href="/pair" size="xl" variant="default">
        {t('phone.refused.typeCode')}
      </Button>
    </Stack>
  );
}

function PhoneCamera({ api, view }: { api: ApiClient; view: PhoneView }) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const camera = usePhoneCamera(api, view, videoRef);
  const recording = useSideRecording(api, view, camera.stream, camera.sitting);
  const cam = { ...camera, recording };

  if (cam.sitting === 'ended' || cam.sitting === 'replaced')
    return (
      <Alert color={cam.sitting === 'ended' ? 'blue' : 'orange'} variant="light" role="status">
        {t(`phone.stopped.${cam.sitting}`)}
      </Alert>
    );

  return (
    <Stack gap="md">
      <Group gap="xs" role="status" aria-live="polite">
        <Badge size="lg" color={cam.connected ? 'green' : 'red'}>
          {cam.connected ? t('phone.status.connected') : t('phone.status.reconnecting')}
        </Badge>
        <Badge size="lg" color={cam.recording ? 'red' : 'gray'} variant="dot">
          {cam.recording ? t('phone.status.recording') : t('phone.status.notRecording')}
        </Badge>
        {cam.viewers > 0 ? (
          <Badge size="lg" color="blue">
            {t('phone.status.watched')}
          </Badge>
        ) : null}
      </Group>
      {cam.error ? (
        <Alert color="red" variant="light" role="alert">
          {t(`phone.camera.${cam.error}`)}
        </Alert>
      ) : null}
      <Card withBorder padding={0}>
        <video
          ref={videoRef}
          muted
          playsInline
          autoPlay
          aria-label={t('phone.camera.preview')}
          style={{ width: '100%', aspectRatio: '16 / 9', background: '#000', display: 'block' }}
        />
      </Card>
      {cam.view ? (
        <Alert color={cam.view === 'ok' ? 'green' : 'orange'} variant="light" role="status">
          {t(`phone.check.${cam.view}`)}
        </Alert>
      ) : null}
      <Button size="xl" variant="default" onClick={cam.switchCamera} disabled={!cam.canSwitch}>
        {t('phone.camera.switch')}
      </Button>
      <PhoneGuide />
      <Card withBorder>
        <Title order={2} size="h4">
          {t('phone.tips.title')}
        </Title>
        <List spacing="xs" mt="xs">
          <List.Item>{t('phone.tips.charge')}</List.Item>
          <List.Item>{t('phone.tips.calls')}</List.Item>
          <List.Item>{t('phone.tips.lock')}</List.Item>
        </List>
      </Card>
      {view.required ? <Text size="sm">{t('phone.required')}</Text> : null}
    </Stack>
  );
}
