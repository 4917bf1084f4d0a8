// The laptop's side of the phone camera (ADR 0023): a QR code and a code to type, shown on the
// check-in's last step and in the workspace while no phone films; a fresh code before the old
// one expires. Once the phone films, a short line says so (and, where no proctor checks it, the
// student confirms what the phone shows).
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Image,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import QRCode from 'qrcode';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PairingView, SecondCameraStatus } from '@emtihan/protocol';
import { useSession } from '../session/session';
import { formatTime } from '../ui/format';

/** A new code this long before the old one expires, so a slow phone still gets a valid one. */
const RENEW_BEFORE_MS = 30_000;

interface Props {
  sessionId: string;
  camera: SecondCameraStatus | null;
  onCamera(status: SecondCameraStatus): void;
  liveProctoring: boolean;
  /** `workspace`: shown only while no phone films, and compact. */
  variant: 'check-in' | 'workspace';
}

export function PairingPanel({ sessionId, camera, onCamera, liveProctoring, variant }: Props) {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const [pairing, setPairing] = useState<(PairingView & { qr: string }) | null>(null);
  const [error, setError] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const filming = camera?.paired === true && camera.state === 'live';
  const showQr = camera !== null && !filming;

  // Where the phone camera stands now (the socket tells each change after this).
  useEffect(() => {
    void api.call('secondCamera', { params: { sessionId } }).then(onCamera, () => {});
  }, [api, sessionId, onCamera]);

  const fresh = useCallback(async () => {
    const made = await api.call('createPairing', { params: { sessionId } });
    // The phone opens in the language the student reads on the laptop.
    const url = new URL(`${made.path}?lang=${language}`, window.location.origin).href;
    const qr = await QRCode.toDataURL(url, { margin: 2, width: 240, errorCorrectionLevel: 'M' });
    return { ...made, qr };
  }, [api, sessionId, language]);
  const renew = useCallback(
    () =>
      fresh().then(
        (p) => {
          setPairing(p);
          setError(false);
        },
        () => setError(true),
      ),
    [fresh],
  );

  // A code while no phone films; a fresh one before it expires.
  useEffect(() => {
    if (!showQr) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = () =>
      fresh().then(
        (p) => {
          if (!live) return;
          setPairing(p);
          setError(false);
          const wait = Date.parse(p.expiresAt) - Date.now() - RENEW_BEFORE_MS;
          timer = setTimeout(() => void next(), Math.max(wait, 5_000));
        },
        () => live && setError(true),
      );
    void next();
    return () => {
      live = false;
      clearTimeout(timer);
      // A code shown before is void once another is asked for: never show it again.
      setPairing(null);
    };
  }, [showQr, fresh]);

  const confirm = async () => {
    setConfirming(true);
    try {
      onCamera(await api.call('confirmSecondCamera', { params: { sessionId } }));
    } finally {
      setConfirming(false);
    }
  };

  if (!camera || camera.mode === 'off') return null;
  const required = camera.mode === 'required';
  const stopped = camera.paired && !filming;

  if (filming) {
    if (variant === 'workspace') return null;
    return (
      <Card withBorder>
        <Stack gap="xs">
          <Group gap="xs" role="status">
            <Badge color="green" size="lg">
              {t('secondCamera.connected')}
            </Badge>
          </Group>
          {required && !liveProctoring ? (
            <Checkbox
              size="md"
              label={t('secondCamera.confirm')}
              checked={camera.viewConfirmed}
              disabled={camera.viewConfirmed || confirming}
              onChange={() => void confirm()}
            />
          ) : null}
          {required && liveProctoring ? <Text>{t('secondCamera.proctorConfirms')}</Text> : null}
        </Stack>
      </Card>
    );
  }

  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={variant === 'workspace' ? 3 : 2} size="h4">
          {t('secondCamera.title')}
        </Title>
        {stopped ? (
          <Alert color="orange" variant="light" role="alert">
            {t('secondCamera.stopped')}
          </Alert>
        ) : (
          <Text>{t(required ? 'secondCamera.requiredIntro' : 'secondCamera.optionalIntro')}</Text>
        )}
        {pairing ? (
          <Group align="flex-start" gap="md" wrap="wrap">
            <Image
              src={pairing.qr}
              alt={t('secondCamera.qrAlt')}
              w={variant === 'workspace' ? 160 : 200}
              h={variant === 'workspace' ? 160 : 200}
              data-testid="pairing-qr"
            />
            <Stack gap={4} maw={320}>
              <Text>{t('secondCamera.orType', { address: `${window.location.host}/pair` })}</Text>
              <Text
                component="p"
                ff="monospace"
                fz={28}
                fw={700}
                m={0}
                aria-label={[...pairing.code].join(' ')}
                data-testid="pairing-code"
              >
                {pairing.code.slice(0, 3)} {pairing.code.slice(3)}
              </Text>
              <Text size="sm">
                {t('secondCamera.expires', { time: formatTime(pairing.expiresAt, language) })}
              </Text>
              <Button variant="default" onClick={() => void renew()}>
                {t('secondCamera.newCode')}
              </Button>
            </Stack>
          </Group>
        ) : null}
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {t('errors.network')}
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}
