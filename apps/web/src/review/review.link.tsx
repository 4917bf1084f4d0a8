import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** "Review": the sitting's recording, timeline, flags and integrity report. */
export function ReviewLink({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to={`/sessions/${sessionId}/review`} size="xs">
      {t('review.open')}
    </Anchor>
  );
}
