// Mounted once on the exam page (across waiting room and workspace, so switching screens keeps
// the connections): publishes the media and says whether a proctor is watching.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLivePublisher } from './use-live-publisher';

export function LivePublishing({ sessionId, active }: { sessionId: string; active: boolean }) {
  const { t } = useTranslation();
  const viewers = useLivePublisher(sessionId, active);
  if (!active) return null;
  return (
    <div role="status">
      <Badge color={viewers > 0 ? 'green' : 'gray'} variant="light">
        {viewers > 0 ? t('live.student.watched') : t('live.student.notWatched')}
      </Badge>
    </div>
  );
}
