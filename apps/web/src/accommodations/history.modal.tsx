// A student's accommodation history: every change to their profile and to their exams'
// arrangements, with who made it, when, why, and each value before → after.
import { Alert, Badge, Group, List, Loader, Modal, Paper, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { SKIPPABLE_CHECKS, type AccommodationChange } from '@emtihan/protocol';
import type { Language } from '../i18n/languages';
import { useSession } from '../session/session';
import { formatDateTime, formatDateTimeIn, formatDay } from '../ui/format';
import { ErrorAlert } from '../ui/status';
import { useLoad } from '../ui/use-load';
import { useUniversityTimeZone } from '../ui/zoned-time';
import { formatFactor } from '../ui/work-time';

/** The values a change can carry, in the order they are listed. */
const FIELDS = [
  'timeFactor',
  'extraMinutes',
  'breakMinutes',
  'skippedChecks',
  'proctorNote',
  'documentRef',
  'validUntil',
  'opensAt',
  'closesAt',
] as const;
type ChangeField = (typeof FIELDS)[number];

function valueText(
  t: TFunction,
  language: Language,
  zone: string,
  field: ChangeField,
  value: unknown,
): string {
  if (value === undefined) return '—';
  switch (field) {
    case 'timeFactor':
      return typeof value === 'number' ? `×${formatFactor(value, language)}` : '—';
    case 'extraMinutes':
    case 'breakMinutes':
      return typeof value === 'number'
        ? t('accommodations.workTime.minutes', { minutes: value })
        : '—';
    case 'skippedChecks': {
      const list = Array.isArray(value)
        ? SKIPPABLE_CHECKS.filter((c) => (value as unknown[]).includes(c))
        : [];
      return list.length > 0
        ? list.map((c) => t(`accommodations.check.${c}`)).join(', ')
        : t('accommodations.history.noneSkipped');
    }
    case 'validUntil':
      return typeof value === 'string'
        ? formatDay(value, language)
        : t('accommodations.table.noEnd');
    case 'opensAt':
    case 'closesAt':
      return typeof value === 'string'
        ? formatDateTimeIn(value, language, zone)
        : t('accommodations.history.examWindow');
    case 'proctorNote':
    case 'documentRef':
      return typeof value === 'string' && value !== '' ? value : '—';
  }
}

/** The values that differ, as "label: before → after". */
export function changedValues(
  t: TFunction,
  language: Language,
  zone: string,
  change: Pick<AccommodationChange, 'before' | 'after'>,
): { field: ChangeField; before: string; after: string }[] {
  const before = change.before ?? {};
  const after = change.after ?? {};
  return FIELDS.filter(
    (f) => (f in before || f in after) && JSON.stringify(before[f]) !== JSON.stringify(after[f]),
  ).map((f) => ({
    field: f,
    before: change.before && f in before ? valueText(t, language, zone, f, before[f]) : '—',
    after: change.after && f in after ? valueText(t, language, zone, f, after[f]) : '—',
  }));
}

function actionText(t: TFunction, c: AccommodationChange): string {
  const exam = c.examTitle ?? '';
  switch (c.action) {
    case 'profile-set':
      return t(c.before ? 'accommodations.history.changed' : 'accommodations.history.added');
    case 'profile-removed':
      return t('accommodations.history.removed');
    case 'override-set':
      return t('accommodations.history.overrideSet', { exam });
    case 'override-removed':
      return t('accommodations.history.overrideRemoved', { exam });
  }
}

export function HistoryModal({
  studentId,
  studentName,
  onClose,
}: {
  studentId: string;
  studentName: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const zone = useUniversityTimeZone();
  const load = useCallback(
    (signal: AbortSignal) => api.call('getAccommodation', { params: { studentId }, signal }),
    [api, studentId],
  );
  const detail = useLoad(load);
  const changes = detail.data
    ? [...detail.data.history].sort((a, b) => (a.at < b.at ? 1 : -1))
    : [];
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('accommodations.history.title', { name: studentName })}
      size="xl"
    >
      <Stack gap="sm">
        {detail.state === 'loading' ? <Loader aria-label={t('common.loading')} /> : null}
        {detail.state === 'failed' ? <ErrorAlert error={detail.error} /> : null}
        {detail.state === 'ready' && changes.length === 0 ? (
          <Alert variant="light">{t('accommodations.history.empty')}</Alert>
        ) : null}
        {changes.length > 0 ? (
          <Text size="sm" c="dimmed">
            {t('accommodations.history.intro')}
          </Text>
        ) : null}
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {changes.map((c, i) => {
            const diff = changedValues(t, language, zone, c);
            return (
              <Paper key={`${c.at}-${i}`} withBorder p="sm" component="li">
                <Stack gap={6}>
                  <Group gap="xs" justify="space-between">
                    <Group gap="xs">
                      <Badge variant="light" color={c.action.endsWith('removed') ? 'red' : 'blue'}>
                        {actionText(t, c)}
                      </Badge>
                    </Group>
                    <Text size="sm" c="dimmed">
                      {t('accommodations.history.whoWhen', {
                        who: c.byName,
                        when: formatDateTime(c.at, language),
                      })}
                    </Text>
                  </Group>
                  <Text size="sm">
                    <Text span fw={600}>
                      {t('accommodations.history.why')}
                    </Text>{' '}
                    {c.reason}
                  </Text>
                  {diff.length > 0 ? (
                    <List size="sm" spacing={2}>
                      {diff.map((d) => (
                        <List.Item key={d.field}>
                          <Text span fw={500}>
                            {t(`accommodations.history.field.${d.field}`)}:
                          </Text>{' '}
                          {d.before} → {d.after}
                        </List.Item>
                      ))}
                    </List>
                  ) : null}
                </Stack>
              </Paper>
            );
          })}
        </Stack>
      </Stack>
    </Modal>
  );
}
