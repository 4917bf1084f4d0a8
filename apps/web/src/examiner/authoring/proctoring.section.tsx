// How the exam is watched: live or recorded, what the student shares, the identity check, the
// room scan, the automatic checks, and the browser's limits.
import {
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  Text,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SECOND_CAMERA_MODES, SENSITIVITIES, type ExamSettings } from '@emtihan/protocol';
import { asNumber, shown, useField } from './form-context';
import { settingSetter, type SectionProps } from './section';

const MEDIA = ['camera', 'microphone', 'screen'] as const;
const CHECKS = ['faces', 'headPose', 'objects', 'speech', 'browser'] as const;
const DISPLAYS = ['allow', 'warn', 'forbid'] as const;

export function ProctoringSection({ values, onChange }: SectionProps) {
  const { t } = useTranslation();
  const s = values.settings;
  const set = settingSetter(values, onChange);
  const live = useField('settings.liveProctoring');
  const media = useField('settings.media');
  const idCheck = useField('settings.idCheck');
  const faceMatching = useField('settings.faceMatching');
  const roomScan = useField('settings.roomScanRequired');
  const auto = useField('settings.automaticChecks');
  const checks = useField('settings.checks');
  const sensitivity = useField('settings.sensitivity');
  const display = useField('settings.secondDisplay');
  const phone = useField('settings.secondCamera');
  const fullscreen = useField('settings.requireFullscreen');
  const clipboard = useField('settings.watchClipboard');
  const noise = useField('settings.noiseLimitDb');
  const snapshots = useField('settings.snapshotSeconds');
  const retention = useField('settings.retentionDays');

  const roomScanValue = [
    ...(s.roomScanRequired ? ['check-in'] : []),
    ...(s.roomScanOnRequest ? ['on-request'] : []),
  ];

  return (
    <Stack gap="lg">
      <Radio.Group
        id={live.id}
        label={t('authoring.proctoring.mode')}
        value={s.liveProctoring ? 'live' : 'recorded'}
        onChange={(v) => set('liveProctoring', v === 'live')}
        error={live.error}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
          {(['live', 'recorded'] as const).map((mode) => (
            <Radio.Card
              key={mode}
              value={mode}
              p="sm"
              radius="md"
              disabled={live.disabled}
              style={live.disabled ? { opacity: 0.6, cursor: 'not-allowed' } : undefined}
            >
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <Radio.Indicator />
                <div>
                  <Text fw={600}>{t(`authoring.proctoring.${mode}`)}</Text>
                  <Text size="sm" c="dimmed">
                    {t(`authoring.proctoring.${mode}Hint`)}
                  </Text>
                </div>
              </Group>
            </Radio.Card>
          ))}
        </SimpleGrid>
      </Radio.Group>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Fieldset legend={t('authoring.proctoring.media')} id={media.id}>
          <Stack gap="sm">
            {MEDIA.map((m) => (
              <Switch
                key={m}
                disabled={media.disabled}
                label={t(`authoring.proctoring.mediaRequired.${m}`)}
                checked={s.media[m]}
                onChange={(e) => set('media', { ...s.media, [m]: e.currentTarget.checked })}
              />
            ))}
            {media.error ? (
              <Text size="sm" c="var(--mantine-color-error)" role="alert">
                {media.error}
              </Text>
            ) : null}
          </Stack>
        </Fieldset>

        <Fieldset legend={t('authoring.proctoring.identity')} id={idCheck.id}>
          <Stack gap="sm">
            <Checkbox
              disabled={idCheck.disabled}
              label={t('authoring.proctoring.idPhoto')}
              checked={s.idCheck.idPhoto}
              onChange={(e) => set('idCheck', { ...s.idCheck, idPhoto: e.currentTarget.checked })}
            />
            <Checkbox
              disabled={idCheck.disabled}
              label={t('authoring.proctoring.facePhoto')}
              checked={s.idCheck.facePhoto}
              onChange={(e) => set('idCheck', { ...s.idCheck, facePhoto: e.currentTarget.checked })}
            />
            <Switch
              {...faceMatching}
              label={t('authoring.proctoring.faceMatching')}
              description={t('authoring.proctoring.faceMatchingHint')}
              checked={s.faceMatching}
              onChange={(e) => set('faceMatching', e.currentTarget.checked)}
            />
          </Stack>
        </Fieldset>

        <Checkbox.Group
          id={roomScan.id}
          label={t('authoring.proctoring.roomScan')}
          description={t('authoring.proctoring.roomScanHint')}
          value={roomScanValue}
          onChange={(v) =>
            onChange({
              settings: {
                ...s,
                roomScanRequired: v.includes('check-in'),
                roomScanOnRequest: v.includes('on-request'),
              },
            })
          }
          error={roomScan.error}
        >
          <Stack gap="xs" mt="xs">
            <Checkbox
              value="check-in"
              label={t('authoring.proctoring.roomScanCheckIn')}
              disabled={roomScan.disabled}
            />
            <Checkbox
              value="on-request"
              label={t('authoring.proctoring.roomScanOnRequest')}
              disabled={roomScan.disabled}
            />
          </Stack>
        </Checkbox.Group>

        <Radio.Group
          id={display.id}
          label={t('authoring.proctoring.secondDisplay')}
          value={s.secondDisplay}
          onChange={(v) => set('secondDisplay', v as ExamSettings['secondDisplay'])}
          error={display.error}
        >
          <Stack gap="xs" mt="xs">
            {DISPLAYS.map((d) => (
              <Radio
                key={d}
                value={d}
                label={t(`authoring.proctoring.display.${d}`)}
                disabled={display.disabled}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Radio.Group
          id={phone.id}
          label={t('secondCamera.setting')}
          description={t('secondCamera.settingHint')}
          value={s.secondCamera}
          onChange={(v) => set('secondCamera', v as ExamSettings['secondCamera'])}
          error={phone.error}
        >
          <Stack gap="xs" mt="xs">
            {SECOND_CAMERA_MODES.map((m) => (
              <Radio
                key={m}
                value={m}
                label={t(`secondCamera.modes.${m}`)}
                disabled={phone.disabled}
              />
            ))}
          </Stack>
        </Radio.Group>
      </SimpleGrid>

      <Fieldset legend={t('authoring.proctoring.checks')}>
        <Stack gap="sm">
          <Switch
            {...auto}
            label={t('authoring.proctoring.automatic')}
            description={t('authoring.proctoring.automaticHint')}
            checked={s.automaticChecks}
            onChange={(e) => set('automaticChecks', e.currentTarget.checked)}
          />
          <Group gap="lg" id={checks.id}>
            {CHECKS.map((c) => (
              <Checkbox
                key={c}
                disabled={checks.disabled || !s.automaticChecks}
                label={t(`authoring.proctoring.check.${c}`)}
                checked={s.checks[c]}
                onChange={(e) => set('checks', { ...s.checks, [c]: e.currentTarget.checked })}
              />
            ))}
          </Group>
          <Radio.Group
            id={sensitivity.id}
            label={t('authoring.proctoring.sensitivity')}
            description={t('authoring.proctoring.sensitivityHint')}
            value={s.sensitivity}
            onChange={(v) => set('sensitivity', v as ExamSettings['sensitivity'])}
            error={sensitivity.error}
          >
            <Group gap="lg" mt="xs">
              {SENSITIVITIES.map((level) => (
                <Radio
                  key={level}
                  value={level}
                  label={t(`authoring.proctoring.level.${level}`)}
                  disabled={sensitivity.disabled || !s.automaticChecks}
                />
              ))}
            </Group>
          </Radio.Group>
        </Stack>
      </Fieldset>

      <Fieldset legend={t('authoring.proctoring.browser')}>
        <Stack gap="sm">
          <Switch
            {...fullscreen}
            label={t('authoring.proctoring.fullscreen')}
            description={t('authoring.proctoring.fullscreenHint')}
            checked={s.requireFullscreen}
            onChange={(e) => set('requireFullscreen', e.currentTarget.checked)}
          />
          <Switch
            {...clipboard}
            label={t('authoring.proctoring.clipboard')}
            description={t('authoring.proctoring.clipboardHint')}
            checked={s.watchClipboard}
            onChange={(e) => set('watchClipboard', e.currentTarget.checked)}
          />
        </Stack>
      </Fieldset>

      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput
          {...noise}
          label={t('authoring.proctoring.noise')}
          description={t('authoring.proctoring.noiseHint')}
          suffix=" dBA"
          min={20}
          max={90}
          value={shown(s.noiseLimitDb)}
          onChange={(v) => set('noiseLimitDb', asNumber(v))}
        />
        <NumberInput
          {...snapshots}
          label={t('authoring.proctoring.snapshots')}
          description={t('authoring.proctoring.snapshotsHint')}
          suffix={` ${t('authoring.secondsShort')}`}
          min={5}
          max={600}
          allowDecimal={false}
          value={shown(s.snapshotSeconds)}
          onChange={(v) => set('snapshotSeconds', asNumber(v))}
        />
        <NumberInput
          {...retention}
          label={t('authoring.proctoring.retention')}
          description={t('authoring.proctoring.retentionHint')}
          suffix={` ${t('authoring.daysShort')}`}
          min={1}
          max={3650}
          allowDecimal={false}
          value={shown(s.retentionDays)}
          onChange={(v) => set('retentionDays', asNumber(v))}
        />
      </SimpleGrid>
    </Stack>
  );
}
