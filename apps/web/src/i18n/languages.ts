import { LANGUAGES, type Language } from '@emtihan/protocol';

export { LANGUAGES, type Language };

/**
 * Each language named in itself. These are not translated on purpose: a person looks for
 * their own language's name, whatever language the page is in now.
 */
export const LANGUAGE_NAMES: Record<Language, string> = {
  kk: 'Қазақша',
  ru: 'Русский',
  en: 'English',
};

/** Locales for dates and numbers. */
export const INTL_LOCALE: Record<Language, string> = {
  kk: 'kk-KZ',
  ru: 'ru-RU',
  en: 'en-GB',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
