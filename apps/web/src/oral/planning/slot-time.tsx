import { useSession } from '../../session/session';
import { formatDateTime } from '../../ui/format';
import { UniversityTime } from '../../ui/university-time';

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
