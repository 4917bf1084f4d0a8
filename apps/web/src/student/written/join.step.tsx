// Consent to recording (and face matching where the exam uses it), then the seed's step 4:
// "Join meeting". Joining uploads the photos and the room scan and completes check-in.
import { Alert, Button, Checkbox, Group, List, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface Consent {
  recording: boolean;
  faceMatching: boolean;
}

const DEVICES = ['camera', 'microphone', 'screen'] as const;

export type JoinProgress = { item: 'id' | 'face' | 'scan' | 'check-in'; percent: number } | null;

export function JoinStep({
  faceMatching,
  liveProctoring,
  media = { camera: true, microphone: true, screen: true },
  consent,
  onConsent,
  onJoin,
  joining,
  progress,
  error,
}: {
  faceMatching: boolean;
  liveProctoring: boolean;
  /** What the exam records (`settings.media`): the consent names exactly that. */
  media?: Record<(typeof DEVICES)[number], boolean>;
  consent: Consent;
  onConsent: (c: Consent) => void;
  onJoin: () => void;
  joining: boolean;
  progress: JoinProgress;
  error: string | null;
}) {
  const { t } = useTranslation();
  const ready = consent.recording && (!faceMatching || consent.faceMatching);
  const recorded = DEVICES.filter((d) => media[d]);
  const everything = recorded.length === DEVICES.length;
  const what = everything
    ? t('written.consent.what')
    : recorded.length > 0
      ? t('examRules.consentWhat', {
          devices: recorded.map((d) => t(`examRules.recorded.${d}`)).join(', '),
        })
      : t('examRules.consentNothing');
  return (
    <Stack gap="md" maw={760}>
      <Title order={3} size="h4">
        {t('written.consent.title')}
      </Title>
      <Text>{t('written.consent.intro')}</Text>
      <List size="sm" spacing={4}>
        <List.Item>{what}</List.Item>
        <List.Item>{t('written.consent.who')}</List.Item>
        <List.Item>{t('written.consent.keep')}</List.Item>
        {faceMatching ? <List.Item>{t('written.consent.face')}</List.Item> : null}
      </List>
      <Checkbox
        label={everything ? t('written.consent.recording') : t('examRules.consentRecording')}
        checked={consent.recording}
        onChange={(e) => onConsent({ ...consent, recording: e.currentTarget.checked })}
      />
      {faceMatching ? (
        <Checkbox
          label={t('written.consent.faceMatching')}
          checked={consent.faceMatching}
          onChange={(e) => onConsent({ ...consent, faceMatching: e.currentTarget.checked })}
        />
      ) : null}
      <Text size="sm" c="dimmed">
        {liveProctoring ? t('written.join.nextProctor') : t('written.join.nextNoProctor')}
      </Text>
      <div role="status">
        {progress ? (
          <Stack gap={4}>
            <Text size="sm">{t(`written.join.progress.${progress.item}`)}</Text>
            <Progress
              value={progress.percent}
              aria-label={t(`written.join.progress.${progress.item}`)}
            />
          </Stack>
        ) : null}
      </div>
      {error ? (
        <Alert color="red" variant="light" role="alert" title={t('written.join.failed')}>
          {error}
        </Alert>
      ) : null}
      <Group>
        <Button size="lg" onClick={onJoin} disabled={!ready} loading={joining}>
          {t('written.joinMeeting')}
        </Button>
      </Group>
    </Stack>
  );
}
