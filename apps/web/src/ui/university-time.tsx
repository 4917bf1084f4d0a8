import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session';
import { formatDateTimeIn } from './format';
import { browserZone, clocksDiffer, useUniversityTimeZone } from './zoned-time';

/**
 * The time on the university's clock, named, shown only when the device's clock differs: every
 * time a person reads says its zone when it is not their own (ADR 0017).
 */
export function UniversityTime({ iso }: { iso: string }) {
  const { t } = useTranslation();
  const { language } = useSession();
  const zone = useUniversityTimeZone();
  if (!clocksDiffer(iso, browserZone(), zone)) return null;
  return (
    <Text span size="sm" c="dimmed" display="block">
      {t('exams.universityTime', { time: formatDateTimeIn(iso, language, zone), zone })}
    </Text>
  );
}
