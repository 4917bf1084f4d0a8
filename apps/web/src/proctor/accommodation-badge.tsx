// A student's accommodation as proctors and examiners see it (ADR 0018): what it changes in
// plain words and the office's note for the proctor, never the reason behind it. A short line on
// the tile, the whole of it in the focus view.
import { Alert, Badge, Group, List, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RosterEntry } from '@emtihan/protocol';
import type { Language } from '../i18n/languages';
import { skippedChecksText } from '../exams/my-accommodation';
import { useSession } from '../session/session';
import { formatFactor } from '../ui/work-time';

type Accommodation = NonNullable<RosterEntry['accommodation']>;

/** What the accommodation changes, one phrase each: "time ×1.5", "breaks up to 15 min" … */
export function effectPhrases(t: TFunction, language: Language, a: Accommodation): string[] {
  const out: string[] = [];
  if (a.timeFactor !== 1)
    out.push(
      t('accommodationsLive.proctor.factor', { factor: formatFactor(a.timeFactor, language) }),
    );
  if (a.extraMinutes > 0)
    out.push(t('accommodationsLive.proctor.extra', { minutes: a.extraMinutes }));
  if (a.breakMinutes > 0)
    out.push(t('accommodationsLive.proctor.breaks', { minutes: a.breakMinutes }));
  if (a.skippedChecks.length > 0)
    out.push(
      t('accommodationsLive.proctor.skipped', { checks: skippedChecksText(t, a.skippedChecks) }),
    );
  return out;
}

/** The tile's line: a badge and the effect in a few words, the note below it. */
export function AccommodationLine({ entry }: { entry: RosterEntry }) {
  const { t } = useTranslation();
  const { language } = useSession();
  const a = entry.accommodation;
  if (!a) return null;
  return (
    <Stack gap={2}>
      <Group gap={4} wrap="wrap">
        <Badge color="violet" variant="light" size="xs" tt="none">
          {t('accommodationsLive.proctor.badge')}
        </Badge>
        <Text size="xs">{effectPhrases(t, language, a).join(' · ')}</Text>
      </Group>
      {a.proctorNote ? (
        <Text size="xs" c="dimmed" lineClamp={2}>
          {t('accommodationsLive.proctor.note', { note: a.proctorNote })}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The focus view's account: every effect on its own line, the note in full. */
export function AccommodationDetails({ entry }: { entry: RosterEntry }) {
  const { t } = useTranslation();
  const { language } = useSession();
  const a = entry.accommodation;
  if (!a) return null;
  return (
    <Alert
      color="violet"
      variant="light"
      title={t('accommodationsLive.proctor.title', { name: entry.fullName })}
    >
      <Stack gap={4}>
        <List size="sm">
          {effectPhrases(t, language, a).map((p) => (
            <List.Item key={p}>{p}</List.Item>
          ))}
        </List>
        {a.skippedChecks.length > 0 ? (
          <Text size="sm">{t('accommodationsLive.proctor.skippedExplained')}</Text>
        ) : null}
        {a.proctorNote ? (
          <Text size="sm" fw={500}>
            {t('accommodationsLive.proctor.note', { note: a.proctorNote })}
          </Text>
        ) : null}
      </Stack>
    </Alert>
  );
}
