// The proctor checks the phone's view while approving identity (ADR 0023): its live video and,
// while unconfirmed, "Side view checked". Where the exam requires the phone, approving waits
// for this tick (the server refuses before it).
import { Checkbox, Stack, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecondCameraStatus } from '@emtihan/protocol';
import { useLiveMedia } from '../proctor/use-live-media';
import { useSession } from '../session/session';
import { SideCamera } from './side-camera';

export function SideViewCheck({ sessionId, name }: { sessionId: string; name: string }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [camera, setCamera] = useState<SecondCameraStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const media = useLiveMedia(sessionId, camera?.paired ? 'full' : null);
  useEffect(() => {
    void api.call('secondCamera', { params: { sessionId } }).then(setCamera, () => {});
  }, [api, sessionId]);
  if (!camera || camera.mode === 'off') return null;
  const confirm = async () => {
    setBusy(true);
    try {
      setCamera(await api.call('confirmSecondCamera', { params: { sessionId } }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('secondCamera.side')}
      </Title>
      <SideCamera camera={camera} stream={media?.side} name={name} height={200} />
      {camera.paired ? (
        <Checkbox
          label={t('secondCamera.confirmView')}
          checked={camera.viewConfirmed}
          disabled={camera.viewConfirmed || busy}
          onChange={() => void confirm()}
        />
      ) : null}
    </Stack>
  );
}
