// What a warning says: the violation's template in the reader's language, then the proctor's
// own note when they wrote one. The student's alert and the review show the same words.
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isFlagCategory, warningTemplates } from '@emtihan/domain';
import { useSession } from '../session/session';

export function WarningText({
  category,
  note,
  size,
}: {
  category: string;
  note: string | null | undefined;
  size?: 'sm';
}) {
  const { t } = useTranslation();
  const { language } = useSession();
  const template = isFlagCategory(category) ? warningTemplates[category][language] : null;
  const words = note?.trim();
  return (
    <>
      {template ? <Text size={size}>{template}</Text> : null}
      {words ? (
        <Text size={size} fw={600}>
          {t('warningNote.fromProctor', { note: words })}
        </Text>
      ) : null}
    </>
  );
}
