// The integrity report says what a warning told the student: the violation's template and the
// proctor's own note, in the reader's language, in the PDF as pdftotext reads it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { IntegrityReportView } from '@emtihan/protocol';
import { reportPdf, type ReportLanguage } from './report.pdf.ts';

const T0 = Date.parse('2026-06-01T04:00:00Z');
const MIN = 60_000;

const report: IntegrityReportView = {
  generatedAt: new Date(T0 + 60 * MIN).toISOString(),
  session: {
    id: 'sess-1',
    examId: 'e1',
    examTitle: 'Алгоритмдер',
    student: { login: 'student3', fullName: 'Дана Ержанқызы', group: null },
    status: 'submitted',
    checkInStartedAt: T0,
    workStartedAt: T0 + 5 * MIN,
    deadline: T0 + 92 * MIN,
    endedAt: T0 + 80 * MIN,
    decidedAt: null,
    terminationReason: null,
    annulmentReason: null,
    finalAnswerHash: null,
  },
  timeline: [],
  flags: [],
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
  incidents: [],
  compensationMs: 0,
  score: { score: 100, band: 'high', contributions: [] },
  evidence: [],
  audit: { entries: 8, verification: { ok: true }, lastHash: null },
  explanations: [],
  legalHold: false,
  accommodation: null,
} as unknown as IntegrityReportView;

async function pdfText(lang: ReportLanguage): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-')), 'r.pdf');
  fs.writeFileSync(file, await reportPdf(report, lang));
  try {
    // pdftotext may break a long line; the report's words are read as one flow.
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

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
    const text = await pdfText(lang);
    expect(text).toContain(`«${template}» ${note}`);
    expect(text).toContain(`«${other}» —`);
  },
);
