// When: the window in the university's time zone (named), the duration, check-in, and what
// happens when time runs out.
import {
  Alert,
  Group,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TIME_OUT_MODES, type ExamKind, type TimeOutMode } from '@emtihan/protocol';
import { useSession } from '../../session/session';
import { formatDateTime } from '../../ui/format';
import type { WallTime } from './exam-form.model';
import { asNumber, shown, useField } from './form-context';
import { settingSetter, type SectionProps } from './section';
import { browserZone, zoneDiffers, zoneLabel, zonedToIso } from '../../ui/zoned-time';

/** Opens and closes: a date and a time each, on the university's clock. */
export function ExamWindowFields({
  zone,
  opens,
  closes,
  onOpens,
  onCloses,
}: {
  zone: string;
  opens: WallTime;
  closes: WallTime;
  onOpens(w: WallTime): void;
  onCloses(w: WallTime): void;
}) {
  const { t } = useTranslation();
  const [now] = useState(() => Date.now());
  const differs = zoneDiffers(zone, now);
  return (
    <Stack gap="sm">
      <Alert
        variant="light"
        color={differs ? 'yellow' : 'blue'}
        title={t('authoring.time.zone', { zone: zoneLabel(zone, now) })}
      >
        {differs
          ? t('authoring.time.zoneDiffers', { device: zoneLabel(browserZone(), now) })
          : t('authoring.time.zoneSame')}
      </Alert>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <WallTimeFields
          path="opensAt"
          which="opens"
          value={opens}
          onChange={onOpens}
          zone={zone}
          differs={differs}
        />
        <WallTimeFields
          path="closesAt"
          which="closes"
          value={closes}
          onChange={onCloses}
          zone={zone}
          differs={differs}
        />
      </SimpleGrid>
    </Stack>
  );
}

function WallTimeFields({
  path,
  which,
  value,
  onChange,
  zone,
  differs,
}: {
  path: 'opensAt' | 'closesAt';
  which: 'opens' | 'closes';
  value: WallTime;
  onChange(w: WallTime): void;
  zone: string;
  differs: boolean;
}) {
  const { t } = useTranslation();
  const { language } = useSession();
  const { id, error, disabled } = useField(path);
  const iso = zonedToIso(value.date, value.time, zone);
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-start" grow wrap="nowrap">
        <TextInput
          id={id}
          type="date"
          label={t(`authoring.time.${which}Date`)}
          value={value.date}
          onChange={(e) => onChange({ ...value, date: e.currentTarget.value })}
          error={error}
          disabled={disabled}
          required
        />
        <TextInput
          type="time"
          label={t(`authoring.time.${which}Time`)}
          value={value.time}
          onChange={(e) => onChange({ ...value, time: e.currentTarget.value })}
          error={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          disabled={disabled}
          required
        />
      </Group>
      {iso && differs ? (
        <Text size="xs" c="dimmed">
          {t('authoring.time.onDevice', { time: formatDateTime(iso, language) })}
        </Text>
      ) : null}
    </Stack>
  );
}

/**
 * Duration, check-in lead and the time-out (also the preset form's). An oral exam's duration is
 * one student's turn, and its time-out is the committee's: no time-out mode.
 */
export function DurationFields({
  values,
  onChange,
  kind = 'written',
}: SectionProps & { kind?: ExamKind }) {
  const { t } = useTranslation();
  const set = settingSetter(values, onChange);
  const duration = useField('durationMinutes');
  const lead = useField('checkInLeadMinutes');
  const mode = useField('settings.timeOut.mode');
  const grace = useField('settings.timeOut.graceMinutes');
  const timeOut = values.settings.timeOut;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput
          {...duration}
          label={t('authoring.time.duration')}
          description={
            kind === 'oral'
              ? t('authoring.time.durationHintOral')
              : t('authoring.time.durationHint')
          }
          suffix={` ${t('authoring.minutesShort')}`}
          min={1}
          max={1440}
          allowDecimal={false}
          value={shown(values.durationMinutes)}
          onChange={(v) => onChange({ durationMinutes: asNumber(v) })}
        />
        <NumberInput
          {...lead}
          label={t('authoring.time.lead')}
          description={t('authoring.time.leadHint')}
          suffix={` ${t('authoring.minutesShort')}`}
          min={0}
          max={120}
          allowDecimal={false}
          value={shown(values.checkInLeadMinutes)}
          onChange={(v) => onChange({ checkInLeadMinutes: asNumber(v) })}
        />
      </SimpleGrid>
      {kind === 'oral' ? null : (
        <Radio.Group
          id={mode.id}
          label={t('authoring.time.timeOut')}
          description={t('authoring.time.timeOutHint')}
          value={timeOut.mode}
          onChange={(m) => set('timeOut', { ...timeOut, mode: m as TimeOutMode })}
          error={mode.error}
        >
          <Stack gap="xs" mt="xs">
            {TIME_OUT_MODES.map((m) => (
              <Radio
                key={m}
                value={m}
                label={t(`authoring.time.timeOutMode.${m}`)}
                description={t(`authoring.time.timeOutDesc.${m}`)}
                disabled={mode.disabled}
              />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {kind !== 'oral' && timeOut.mode === 'grace' ? (
        <NumberInput
          {...grace}
          label={t('authoring.time.grace')}
          description={t('authoring.time.graceHint')}
          suffix={` ${t('authoring.minutesShort')}`}
          min={1}
          max={240}
          allowDecimal={false}
          maw={320}
          value={shown(timeOut.graceMinutes)}
          onChange={(v) => set('timeOut', { ...timeOut, graceMinutes: asNumber(v) })}
        />
      ) : null}
    </Stack>
  );
}
