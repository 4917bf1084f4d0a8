// The integrity report says what a student's accommodation changed: their time and how it came,
// time added during the sitting (who and why), rest breaks taken, and the checks skipped — in
// the reader's language, in the PDF as pdftotext reads it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  NO_ACCOMMODATION,
  createWrittenSession,
  makeExamConfig,
  type AuditEntry,
  type WrittenSessionState,
} from '@emtihan/domain';
import type { IntegrityReportView } from '@emtihan/protocol';
import { CHECK } from './report.pdf.ts';
import { MIN, T0, pdfText, sampleReport } from './report.fixtures.ts';
import { accommodationOf } from './report.service.ts';

/** A 45-minute sitting of a student with a ×1.5 profile, rest breaks, and no face checks. */
function sitting(): WrittenSessionState {
  const created = createWrittenSession({
    sessionId: 'sess-1',
    examId: 'e1',
    studentId: 'student3',
    config: makeExamConfig({
      window: { opensAt: T0, closesAt: T0 + 3 * 60 * MIN },
      durationMinutes: 45,
    }),
  });
  if (!created.ok) throw new Error(created.problems.join());
  return {
    ...created.state,
    terms: {
      ...created.state.terms,
      accommodation: {
        ...NO_ACCOMMODATION,
        timeFactor: 1.5,
        breakMinutes: 10,
        skippedChecks: ['faces'],
      },
    },
    addedTimeMs: 10 * MIN,
    breaks: [{ startedAt: T0 + 20 * MIN, endedAt: T0 + 25 * MIN }],
  };
}

const addTime: AuditEntry = {
  seq: 7,
  at: T0 + 30 * MIN,
  actor: { role: 'proctor', userId: 'proctor1' },
  type: 'written.add-time',
  payload: {
    sessionId: 'sess-1',
    from: 'in_progress',
    to: 'in_progress',
    minutes: 10,
    reason: 'Fire alarm',
  },
  prevHash: '',
  hash: '',
} as unknown as AuditEntry;

const names = async (id: string) => (id === 'proctor1' ? 'Айгүл Серікқызы' : null);

const reportWith = (accommodation: IntegrityReportView['accommodation']) =>
  sampleReport({ accommodation });

describe('the report’s accommodations', () => {
  it('take the student’s time, time added with who and why, breaks and skipped checks from the sitting', async () => {
    const a = await accommodationOf(sitting(), [addTime], names);
    expect(a).toEqual({
      examMinutes: 45,
      timeFactor: 1.5,
      extraMinutes: 0,
      workMs: 67.5 * MIN,
      skippedChecks: ['faces'],
      breakMinutes: 10,
      breaks: [{ startedAt: T0 + 20 * MIN, endedAt: T0 + 25 * MIN }],
      breakTakenMs: 5 * MIN,
      added: [
        {
          at: T0 + 30 * MIN,
          minutes: 10,
          reason: 'Fire alarm',
          by: { role: 'proctor', name: 'Айгүл Серікқызы' },
        },
      ],
    });
  });

  it('are left out of a sitting without accommodation, breaks or time added', async () => {
    const plain = sitting();
    const { accommodation: _, ...terms } = plain.terms;
    expect(
      await accommodationOf({ ...plain, terms, breaks: [], addedTimeMs: 0 }, [], names),
    ).toBeNull();
  });

  it.each([
    [
      'en',
      "Student's time: 67 min 30 s (45 min × 1.5)",
      'Rest breaks: allowed 10 min, taken 5 min',
      'Checks skipped by accommodation: Faces (nobody, or more than one)',
    ],
    [
      'ru',
      'Время студента: 67 мин 30 с (45 мин × 1,5)',
      'Перерывы на отдых: разрешено 10 мин, использовано 5 мин',
      'Проверки, отключённые по особым условиям: Лица (никого нет или больше одного)',
    ],
    [
      'kk',
      'Студенттің уақыты: 67 мин 30 с (45 мин × 1,5)',
      'Демалыс үзілістері: рұқсат етілгені 10 мин, алынғаны 5 мин',
      'Арнайы жағдайлар бойынша өткізілмеген тексерулер: Беттер (ешкім жоқ немесе біреуден көп)',
    ],
  ] as const)(
    'are in the PDF in the reader’s language (%s)',
    async (lang, time, breaks, skipped) => {
      const a = await accommodationOf(sitting(), [addTime], names);
      const text = await pdfText(reportWith(a), lang);
      expect(text).toContain(time);
      expect(text).toContain(breaks);
      expect(text).toContain(skipped);
      expect(text).toContain('+10');
      expect(text).toContain('Айгүл Серікқызы (proctor): Fire alarm');
    },
  );

  it('a sitting with extra minutes says them too; one without accommodation has no such section', async () => {
    const st = sitting();
    const a = await accommodationOf(
      {
        ...st,
        terms: {
          ...st.terms,
          accommodation: { ...NO_ACCOMMODATION, extraMinutes: 15, skippedChecks: [] },
        },
        breaks: [],
      },
      [],
      names,
    );
    const text = await pdfText(reportWith(a), 'en');
    expect(text).toContain("Student's time: 60 min (45 min + 15 min)");
    expect(text).toContain('Checks skipped by accommodation: None');
    expect(await pdfText(reportWith(null), 'en')).not.toContain('Accommodations');
  });

  it.each(['kk', 'ru', 'en'] as const)('names the checks as the exam form does (%s)', (lang) => {
    const web = JSON.parse(
      readFileSync(new URL(`../../../web/src/i18n/locales/${lang}.json`, import.meta.url), 'utf8'),
    ) as { authoring: { proctoring: { check: Record<string, string> } } };
    const mine = Object.fromEntries(Object.entries(CHECK).map(([k, v]) => [k, v[lang]]));
    expect(mine).toEqual(web.authoring.proctoring.check);
  });
});
