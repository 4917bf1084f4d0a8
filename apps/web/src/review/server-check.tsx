// What the server's own detectors saw on a flag's snapshot (ADR 0009), beside the flag: the
// reviewer compares it with what the student's page reported. It never changes the flag.
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ServerCheckView } from '@emtihan/protocol';

export function ServerCheck({ check }: { check: ServerCheckView | null | undefined }) {
  const { t } = useTranslation();
  if (!check) return null;
  if (check.status !== 'done')
    return (
      <Text size="sm" c="dimmed" data-server-check={check.status}>
        {t(`review.serverCheck.${check.status}`)}
      </Text>
    );
  const objects = (check.objects ?? []).map((label) =>
    t(`review.serverCheck.objects.${label}`, { defaultValue: label }),
  );
  return (
    <Text size="sm" c="dimmed" data-server-check="done">
      {t('review.serverCheck.done', {
        faces: check.faces ?? 0,
        objects: objects.length > 0 ? objects.join(', ') : t('review.serverCheck.none'),
      })}
      {check.similarity !== undefined
        ? ` ${t('review.serverCheck.similarity', { percent: Math.round(check.similarity * 100) })}`
        : null}
    </Text>
  );
}
