import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from '../i18n/i18n';
import type { Language } from '../i18n/languages';
import { formatMinutes, formatWorkTime, workMinutes } from './work-time';

/** The real translations, without a page. */
function tIn(language: Language): TFunction {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: language,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance.t;
}

const en = tIn('en');

describe('a student’s work time in words', () => {
  it('adds the extra minutes after the factor, as the sitting’s clock does', () => {
    expect(workMinutes({ durationMinutes: 45, timeFactor: 1.5, extraMinutes: 10 })).toBe(77.5);
    expect(workMinutes({ durationMinutes: 45 })).toBe(45);
  });

  it('writes half a minute as seconds', () => {
    expect(formatMinutes(en, 67.5)).toBe('67 min 30 s');
    expect(formatMinutes(en, 56.25)).toBe('56 min 15 s');
    expect(formatMinutes(en, 90)).toBe('90 min');
    expect(formatMinutes(en, 26 / 60)).toBe('26 s');
  });

  it('shows only the duration when nothing changes it', () => {
    expect(formatWorkTime(en, 'en', { durationMinutes: 45, timeFactor: 1, extraMinutes: 0 })).toBe(
      '45 min',
    );
  });

  it('explains a factor', () => {
    expect(formatWorkTime(en, 'en', { durationMinutes: 45, timeFactor: 1.5 })).toBe(
      '67 min 30 s (45 min × 1.5)',
    );
  });

  it('explains extra minutes', () => {
    expect(formatWorkTime(en, 'en', { durationMinutes: 60, extraMinutes: 30 })).toBe(
      '90 min (60 min + 30 min extra time)',
    );
  });

  it('explains a factor and extra minutes together', () => {
    expect(
      formatWorkTime(en, 'en', { durationMinutes: 45, timeFactor: 1.5, extraMinutes: 18 }),
    ).toBe('85 min 30 s (45 min × 1.5 + 18 min extra time)');
  });

  it('writes the factor with a decimal comma in Russian and Kazakh', () => {
    expect(formatWorkTime(tIn('ru'), 'ru', { durationMinutes: 45, timeFactor: 1.5 })).toBe(
      '67 мин 30 с (45 мин × 1,5)',
    );
    expect(formatWorkTime(tIn('kk'), 'kk', { durationMinutes: 60, extraMinutes: 30 })).toBe(
      '90 мин (60 мин + 30 мин қосымша уақыт)',
    );
  });
});
