// The integrity report says what a warning told the student: the violation's template and the
// proctor's own note, in the reader's language, in the PDF as pdftotext reads it.
import { expect, it } from 'vitest';
import type { IntegrityReportView } from '@emtihan/protocol';
import { MIN, T0, pdfText, sampleReport } from './report.fixtures.ts';

const report = sampleReport({
  warnings: [
    {
      id: 'w1',
      category: 'tab_switch',
      note: 'Close the chat window',
      issuedAt: T0 + 10 * MIN,
      acknowledgedAt: T0 + 11 * MIN,
    },
    { id: 'w2', category: 'headphones', note: null, issuedAt: T0 + 20 * MIN, acknowledgedAt: null },
  ],
} as Partial<IntegrityReportView>);

it.each([
  [
    'en',
    'Stay on the exam page. Moving between browser tabs is not allowed during the exam.',
    "The proctor's note: «Close the chat window»",
    'Take off your headphones. Headphones are not allowed during the exam.',
  ],
  [
    'ru',
    'Оставайтесь на странице экзамена. Переходить между вкладками браузера во время экзамена запрещено.',
    'Примечание проктора: «Close the chat window»',
    'Снимите наушники. Сидеть в наушниках во время экзамена запрещено.',
  ],
] as const)(
  "each warning shows the student's template, then the proctor's note (%s)",
  async (lang, template, note, other) => {
    const text = await pdfText(report, lang);
    expect(text).toContain(`«${template}» ${note}`);
    expect(text).toContain(`«${other}» —`);
  },
);
