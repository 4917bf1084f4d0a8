// The seed's steps 5–7 during the work: the entire screen stays shared and the camera on. When
// either stops (a reload, "Stop sharing", an unplugged camera), the workspace is covered until
// the student turns it back on.
import { Alert, Button, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMedia, type ScreenShareResult } from '../../media/media.context';
import { useSignalSink } from '../../signals/signal-sink';

export function ScreenGate({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const media = useMedia();
  const sink = useSignalSink();
  const [refusal, setRefusal] = useState<ScreenShareResult | null>(null);
  const [cameraFailed, setCameraFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const { camera, startCamera, needs } = media;
  const tried = useRef(false);

  // The camera needs no gesture once allowed: turn it back on by itself, once.
  useEffect(() => {
    if (!active || !needs.camera || camera || tried.current) return;
    tried.current = true;
    void startCamera().then((r) => setCameraFailed(!r.ok));
  }, [active, needs.camera, camera, startCamera]);

  const share = async () => {
    setBusy(true);
    const r = await media.shareScreen();
    // A window or tab offered instead of the entire screen is recorded (and refused).
    if (!r.ok && r.code === 'not-entire')
      sink.push({ kind: 'screen-share', active: true, displaySurface: 'window' });
    setBusy(false);
    setRefusal(r.ok ? null : r);
  };
  const cameraAgain = async () => {
    setBusy(true);
    const r = await startCamera();
    setBusy(false);
    setCameraFailed(!r.ok);
  };

  // Only the devices the exam asks for (`settings.media`) cover the workspace.
  const needScreen = needs.screen && !media.screen;
  const needCamera = needs.camera && !camera && cameraFailed;
  const opened = active && (needScreen || needCamera);
  return (
    <Modal
      opened={opened}
      onClose={() => {}}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      title={needScreen ? t('written.gate.screenTitle') : t('written.gate.cameraTitle')}
      size="lg"
      centered
      overlayProps={{ backgroundOpacity: 0.85, blur: 8 }}
    >
      <Stack gap="md">
        {needScreen ? (
          <>
            <Text>{t('written.gate.screenText')}</Text>
            {refusal && !refusal.ok ? (
              <Alert color="red" variant="light" role="alert">
                {t(`written.check.screen.${refusal.code}`)}
              </Alert>
            ) : null}
            <Button size="md" onClick={() => void share()} loading={busy}>
              {t('written.shareEntireScreen')}
            </Button>
          </>
        ) : (
          <>
            <Text>{t('written.gate.cameraText')}</Text>
            <Button size="md" onClick={() => void cameraAgain()} loading={busy}>
              {t('written.gate.cameraOn')}
            </Button>
          </>
        )}
      </Stack>
    </Modal>
  );
}
