import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES } from '../i18n/languages';
import { useSession } from '../session/session';

/** Three radio buttons, each language named in itself; the choice is remembered on this device. */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const { language, changeLanguage } = useSession();
  return (
    <SegmentedControl
      aria-label={t('language.label')}
      value={language}
      onChange={(value) => {
        if (isLanguage(value)) changeLanguage(value);
      }}
      data={LANGUAGES.map((lng) => ({
        value: lng,
        label: <span lang={lng}>{LANGUAGE_NAMES[lng]}</span>,
      }))}
    />
  );
}
