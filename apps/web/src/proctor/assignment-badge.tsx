import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Whose student this is, and how many chat messages from them are unread. */
export function AssignmentBadge({
  assignment,
  mine,
  unread,
}: {
  assignment: { proctorName: string } | undefined;
  mine: boolean;
  unread: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Badge size="xs" variant="outline" color={mine ? 'blue' : 'gray'}>
        {mine
          ? t('console.assigned.mine')
          : assignment
            ? t('console.assigned.other', { name: assignment.proctorName })
            : t('console.assigned.none')}
      </Badge>
      {unread > 0 ? (
        <Badge size="xs" color="blue">
          {t('chat.openShort')}: {t('chat.unread', { count: unread })}
        </Badge>
      ) : null}
    </>
  );
}
