// Test support for the integrity report's PDF tests (not used by the server): one report of a
// submitted sitting, changed per test, and the PDF's text as pdftotext reads it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IntegrityReportView } from '@emtihan/protocol';
import { reportPdf, type ReportLanguage } from './report.pdf.ts';

export const T0 = Date.parse('2026-06-01T04:00:00Z');
export const MIN = 60_000;

/** A submitted sitting's report with nothing in it, and `patch` on top. */
export function sampleReport(patch: Partial<IntegrityReportView> = {}): IntegrityReportView {
  return {
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
    warnings: [],
    incidents: [],
    compensationMs: 0,
    score: { score: 100, band: 'high', contributions: [] },
    evidence: [],
    audit: { entries: 8, verification: { ok: true }, lastHash: null },
    explanations: [],
    legalHold: false,
    accommodation: null,
    ...patch,
  } as IntegrityReportView;
}

/** The report's PDF in `lang` as text, its whitespace as single spaces (pdftotext breaks lines). */
export async function pdfText(r: IntegrityReportView, lang: ReportLanguage): Promise<string> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-')), 'r.pdf');
  fs.writeFileSync(file, await reportPdf(r, lang));
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}
