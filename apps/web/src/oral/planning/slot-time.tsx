import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session';
import { formatDateTime, formatDateTimeIn } from '../../ui/format';
import { clocksDiffer, deviceTimeZone, useUniversityTimeZone } from './university-time';

/** The time on the university's clock, shown only when the device's clock differs. */
export function UniversityTime({ iso }: { iso: string }) {
  const { t } = useTranslation();
  const { language } = useSession();
  const zone = useUniversityTimeZone();
  if (!clocksDiffer(iso, deviceTimeZone(), zone)) return null;
  return (
    <Text span size="sm" c="dimmed" display="block">
      {t('oralPlan.universityTime', {
        time: formatDateTimeIn(iso, language, zone),
        zone,
      })}
    </Text>
  );
}

/** A slot's time on the device's clock and, when the university's clock differs, on that too. */
export function SlotTime({ iso }: { iso: string }) {
  const { language } = useSession();
  return (
    <>
      {formatDateTime(iso, language)}
      <UniversityTime iso={iso} />
    </>
  );
}
