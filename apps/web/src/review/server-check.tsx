// What the server's own detectors saw on a flag's snapshot (ADR 0009), beside the flag: the
// reviewer compares it with what the student's page reported. It never changes the flag.
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ServerCheckView } from '@emtihan/protocol';

/** The objects a check saw, named in the reader's language ("none" when there were none). */
export function useServerObjects(): (check: ServerCheckView) => string {
  const { t } = useTranslation();
  return (check) => {
    const objects = (check.objects ?? []).map((label) =>
      t(`review.serverCheck.objects.${label}`, { defaultValue: label }),
    );
    return objects.length > 0 ? objects.join(', ') : t('review.serverCheck.none');
  };
}

export function ServerCheck({
  check,
  size = 'sm',
}: {
  check: ServerCheckView | null | undefined;
  size?: 'sm' | 'xs';
}) {
  const { t } = useTranslation();
  const objectsOf = useServerObjects();
  if (!check) return null;
  if (check.status !== 'done')
    return (
      <Text size={size} c="dimmed" data-server-check={check.status}>
        {t(`review.serverCheck.${check.status}`)}
      </Text>
    );
  return (
    <Text size={size} c="dimmed" data-server-check="done">
      {t('review.serverCheck.done', { faces: check.faces ?? 0, objects: objectsOf(check) })}
      {check.similarity !== undefined
        ? ` ${t('review.serverCheck.similarity', { percent: Math.round(check.similarity * 100) })}`
        : null}
    </Text>
  );
}
