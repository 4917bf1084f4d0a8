// The report names flags as the proctor's console does: its table of category and severity names
// must say exactly what the web's locale files say, in each language.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { CATEGORY, SEVERITY } from './report.pdf.ts';

const locale = (lang: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../web/src/i18n/locales/${lang}.json`, import.meta.url), 'utf8'),
  ) as { flags: { category: Record<string, string>; severity: Record<string, string> } };

it.each(['kk', 'ru', 'en'] as const)(
  'names flag categories and severities as the web does (%s)',
  (lang) => {
    const web = locale(lang);
    const pick = (table: Record<string, Record<string, string>>) =>
      Object.fromEntries(Object.entries(table).map(([k, names]) => [k, names[lang]]));
    expect(pick(CATEGORY)).toEqual(web.flags.category);
    expect(pick(SEVERITY)).toEqual(web.flags.severity);
  },
);
