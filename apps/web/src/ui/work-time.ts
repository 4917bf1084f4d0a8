// A student's work time with how it came about, in the page's language:
// "67 min 30 s (45 min × 1.5)", "90 min (60 min + 30 min extra time)",
// "85 min (45 min × 1.5 + 18 min extra time)". The sum is the domain's (`workMs`): the exam's
// duration times the factor, then the extra minutes. Shared by the office's and the examiner's
// accommodation pages and by the student's, proctor's and review pages.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n/languages';
import { currentLanguage } from '../i18n/i18n';

export interface WorkTimeInput {
  /** The exam's own duration. */
  durationMinutes: number;
  /** ×1 without an accommodation. */
  timeFactor?: number;
  /** Minutes added after the factor (profile and override together). */
  extraMinutes?: number;
}

/** The student's work time in minutes (may have a fraction: 67.5). */
export function workMinutes({
  durationMinutes,
  timeFactor = 1,
  extraMinutes = 0,
}: WorkTimeInput): number {
  return durationMinutes * timeFactor + extraMinutes;
}

/** A factor as written in the language: "1.5" in English, "1,5" in Kazakh and Russian. */
export function formatFactor(factor: number, language: Language): string {
  const text = String(Math.round(factor * 1000) / 1000);
  return language === 'en' ? text : text.replace('.', ',');
}

/** "45 min" or "67 min 30 s" (rounded to the second). */
export function formatMinutes(t: TFunction, minutes: number): string {
  const totalSeconds = Math.round(minutes * 60);
  const whole = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  if (seconds === 0) return t('accommodations.workTime.minutes', { minutes: whole });
  // Under a minute (a short break): "26 s", not "0 min 26 s".
  if (whole === 0) return t('accommodations.workTime.seconds', { seconds });
  return t('accommodations.workTime.minutesSeconds', { minutes: whole, seconds });
}

/**
 * The work time with its making: just "45 min" when nothing changes it; otherwise the total and,
 * in brackets, the duration with the factor and/or the extra time.
 */
export function formatWorkTime(t: TFunction, language: Language, input: WorkTimeInput): string {
  const factor = input.timeFactor ?? 1;
  const extra = input.extraMinutes ?? 0;
  const values = {
    total: formatMinutes(t, workMinutes(input)),
    base: formatMinutes(t, input.durationMinutes),
    factor: formatFactor(factor, language),
    extra: formatMinutes(t, extra),
  };
  const stretched = factor !== 1;
  const added = extra !== 0;
  if (stretched && added) return t('accommodations.workTime.factorAndExtra', values);
  if (stretched) return t('accommodations.workTime.factor', values);
  if (added) return t('accommodations.workTime.extra', values);
  return values.total;
}

/** `formatWorkTime` bound to the page's language, for components. */
export function useWorkTime(): (input: WorkTimeInput) => string {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  return (input) => formatWorkTime(t, language, input);
}
