// The phone camera on the proctor's screens (ADR 0023): its live video from the side, and how
// it is (filming, page hidden, frozen, offline, replaced, battery low) the moment it changes.
import { Badge, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SecondCameraStatus } from '@emtihan/protocol';
import { LiveVideo } from '../proctor/live-video';

const LOW_BATTERY = 0.2;

export function SideCameraState({ camera }: { camera: SecondCameraStatus }) {
  const { t } = useTranslation();
  const state = camera.paired ? (camera.state ?? 'offline') : 'none';
  const ok = state === 'live';
  return (
    <Group gap={4} wrap="wrap">
      <Badge
        color={ok ? 'green' : camera.mode === 'required' || camera.paired ? 'orange' : 'gray'}
        variant={ok ? 'light' : 'filled'}
        size="xs"
        tt="none"
      >
        {t('secondCamera.tileState', { state: t(`secondCamera.state.${state}`) })}
      </Badge>
      {camera.replaced > 0 ? (
        <Badge color="gray" variant="outline" size="xs" tt="none">
          {t('secondCamera.replaced')}
        </Badge>
      ) : null}
      {camera.battery !== null && camera.battery < LOW_BATTERY ? (
        <Badge color="orange" variant="outline" size="xs" tt="none">
          {t('secondCamera.battery', { percent: Math.round(camera.battery * 100) })}
        </Badge>
      ) : null}
    </Group>
  );
}

export function SideCamera({
  camera,
  stream,
  name,
  height,
}: {
  camera: SecondCameraStatus | undefined;
  stream: MediaStream | null | undefined;
  name: string;
  height: number;
}) {
  const { t } = useTranslation();
  if (!camera || camera.mode === 'off') return null;
  return (
    <Stack gap={4}>
      {camera.paired ? (
        <LiveVideo stream={stream} label={t('secondCamera.sideOf', { name })} height={height} />
      ) : null}
      <SideCameraState camera={camera} />
    </Stack>
  );
}
