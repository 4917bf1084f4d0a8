import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n/languages';
import { useSession } from '../session/session';

/**
 * Three toggle buttons, each language named in itself, so a person finds their own language
 * whatever the page speaks now. The choice is remembered on this device.
 */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const { language, changeLanguage } = useSession();
  return (
    <Button.Group aria-label={t('language.label')}>
      {LANGUAGES.map((lng) => {
        const current = lng === language;
        return (
          <Button
            key={lng}
            lang={lng}
            size="sm"
            variant={current ? 'filled' : 'default'}
            aria-pressed={current}
            onClick={() => changeLanguage(lng)}
          >
            {LANGUAGE_NAMES[lng]}
          </Button>
        );
      })}
    </Button.Group>
  );
}
