// A student's flags on their tile: newest first, the gross before the minor at one moment, each
// with the snapshot of the moment when the detector sent one.
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { seedFlagCategories } from '@emtihan/domain';
import type { FlagView } from '@emtihan/protocol';
import { orderFlags } from './console.rules';

const SHOWN = 3;

export function FlagList({ flags, sessionId }: { flags: FlagView[]; sessionId: string }) {
  const { t } = useTranslation();
  if (!flags.length) return null;
  const ordered = orderFlags(flags);
  const label = (f: FlagView) =>
    (seedFlagCategories as readonly string[]).includes(f.category)
      ? t(`proctorExam.categories.${f.category as 'tab_switch'}`)
      : t(`console.flagCategory.${f.category as 'face_absent'}`);
  return (
    <Stack gap={2} aria-label={t('console.flags')}>
      {ordered.slice(0, SHOWN).map((f) => (
        <Group key={f.id} gap={4} wrap="nowrap">
          <Badge size="xs" color={f.severity === 'gross' ? 'red' : 'yellow'} variant="filled">
            {t(`console.severity.${f.severity}`)}
          </Badge>
          <Text size="xs" truncate>
            {f.evidenceFileId ? (
              <Anchor
                href={`/api/sessions/${sessionId}/files/${f.evidenceFileId}`}
                target="_blank"
                aria-label={t('console.evidence', { category: label(f) })}
              >
                {label(f)}
              </Anchor>
            ) : (
              label(f)
            )}{' '}
            · {new Date(f.startAt).toLocaleTimeString()}
          </Text>
        </Group>
      ))}
      {ordered.length > SHOWN ? (
        <Text size="xs" c="dimmed">
          {t('console.moreFlags', { count: ordered.length - SHOWN })}
        </Text>
      ) : null}
    </Stack>
  );
}
