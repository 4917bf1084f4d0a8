import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { AccommodationView } from '@emtihan/protocol';
import { resources } from '../i18n/i18n';
import {
  blankProfile,
  checkOverride,
  checkProfile,
  profileToBody,
  profileToValues,
  serverProblem,
  type OverrideFormValues,
} from './accommodation.model';
import { describeEffect } from './effect';
import { changedValues } from './history.modal';
import { importErrorText, TEMPLATE_CSV } from './accommodation-import';

function tIn(language: 'kk' | 'ru' | 'en'): TFunction {
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

const VIEW: AccommodationView = {
  studentId: 's3',
  studentName: 'Student Three',
  studentLogin: 'student3',
  timeFactor: 1.75,
  extraMinutes: 10,
  breakMinutes: 15,
  skippedChecks: ['speech', 'faces'],
  proctorNote: 'Reads aloud',
  documentRef: 'DOC-1',
  validUntil: '2026-12-31',
  active: true,
  updatedAt: '2026-01-01T00:00:00Z',
  updatedBy: 'Admin',
};

describe('the profile form', () => {
  const valid = { ...blankProfile('s3'), reason: 'Certificate 14' };

  it('sends what was chosen, the factor from the select', () => {
    expect(profileToBody({ ...valid, factorChoice: '1.25', validUntil: '' })).toMatchObject({
      timeFactor: 1.25,
      validUntil: null,
      reason: 'Certificate 14',
    });
  });

  it('keeps an unusual factor as a custom one and the checks in their order', () => {
    const values = profileToValues(VIEW);
    expect(values.factorChoice).toBe('custom');
    expect(values.customFactor).toBe(1.75);
    expect(values.skippedChecks).toEqual(['faces', 'speech']);
    expect(values.reason).toBe('');
    expect(profileToBody({ ...values, reason: 'x' }).timeFactor).toBe(1.75);
  });

  it('refuses a factor below 1 at the factor, with the domain’s rule', () => {
    const problems = checkProfile({ ...valid, factorChoice: 'custom', customFactor: 0.9 });
    expect(problems).toEqual([{ field: 'timeFactor', key: 'factor-below-one' }]);
  });

  it('asks for a student, whole minutes and a reason', () => {
    const problems = checkProfile({
      ...blankProfile(),
      extraMinutes: 2.5,
      breakMinutes: Number.NaN,
    });
    expect(problems.map((p) => [p.field, p.key])).toEqual([
      ['studentId', 'student-required'],
      ['extraMinutes', 'minutes-invalid'],
      ['breakMinutes', 'minutes-invalid'],
      ['reason', 'reason-required'],
    ]);
    expect(problems[1]?.values).toEqual({ max: 600 });
  });

  it('shows the server’s refusal at its field', () => {
    expect(serverProblem({ path: 'body.timeFactor', message: 'factor-below-one' })).toEqual({
      field: 'timeFactor',
      key: 'factor-below-one',
    });
    expect(
      serverProblem({ path: 'body.breakMinutes', message: 'breaks-longer-than-exam' }),
    ).toEqual({ field: 'breakMinutes', key: 'breaks-longer-than-exam' });
    expect(serverProblem({ path: 'params.studentId', message: 'Invalid uuid' }).key).toBe(
      'unknown-student',
    );
    expect(serverProblem({ path: 'body.reason', message: 'Too small' }).key).toBe(
      'reason-required',
    );
  });
});

describe('an exam’s arrangement for one student', () => {
  const exam = { opensAt: '2026-03-10T05:00:00.000Z', durationMinutes: 45 };
  const values: OverrideFormValues = {
    studentId: 's3',
    ownWindow: true,
    opens: { date: '2026-03-12', time: '10:00' },
    closes: { date: '2026-03-12', time: '12:00' },
    extraMinutes: 0,
    reason: 'Ill on the day',
  };

  it('accepts a window of two hours for a 45-minute exam', () => {
    const w = { opensAt: '2026-03-12T05:00:00.000Z', closesAt: '2026-03-12T07:00:00.000Z' };
    expect(checkOverride(values, w, exam)).toEqual([]);
  });

  it('refuses a window that closes before it opens, at the close', () => {
    const w = { opensAt: '2026-03-12T07:00:00.000Z', closesAt: '2026-03-12T05:00:00.000Z' };
    expect(checkOverride(values, w, exam)).toEqual([{ field: 'closesAt', key: 'window-order' }]);
  });

  it('refuses an arrangement that changes nothing', () => {
    const w = { opensAt: '', closesAt: '' };
    expect(checkOverride({ ...values, ownWindow: false }, w, exam)).toEqual([
      { field: 'extraMinutes', key: 'nothing-to-change' },
    ]);
  });
});

describe('what an accommodation does, in words', () => {
  it('lists the factor, the minutes, the breaks and the checks left out', () => {
    expect(
      describeEffect(en, 'en', {
        timeFactor: 1.5,
        extraMinutes: 10,
        breakMinutes: 15,
        skippedChecks: ['faces'],
      }),
    ).toBe('time ×1.5, +10 min, rest breaks up to 15 min, no face checks');
    expect(
      describeEffect(tIn('ru'), 'ru', {
        timeFactor: 1.25,
        extraMinutes: 0,
        breakMinutes: 0,
        skippedChecks: [],
      }),
    ).toBe('время ×1,25');
  });

  it('the history says each value that changed, before → after', () => {
    const diff = changedValues(en, 'en', 'Asia/Almaty', {
      before: { timeFactor: 1, extraMinutes: 0, skippedChecks: [], documentRef: 'A' },
      after: { timeFactor: 1.5, extraMinutes: 0, skippedChecks: ['faces'], documentRef: 'A' },
    });
    expect(diff).toEqual([
      { field: 'timeFactor', before: '×1', after: '×1.5' },
      { field: 'skippedChecks', before: 'none', after: 'Face checks' },
    ]);
  });

  it('a profile added from nothing shows its values after a dash', () => {
    const diff = changedValues(en, 'en', 'Asia/Almaty', {
      before: null,
      after: { timeFactor: 2, validUntil: '2026-06-30' },
    });
    expect(diff).toEqual([
      { field: 'timeFactor', before: '—', after: '×2' },
      { field: 'validUntil', before: '—', after: '30 June 2026' },
    ]);
  });
});

describe('the CSV import', () => {
  it('offers a template whose header is the import’s columns', () => {
    expect(TEMPLATE_CSV.split('\r\n')[0]).toBe(
      'login,time_factor,extra_minutes,break_minutes,skip_checks,proctor_note,document_ref,valid_until',
    );
  });

  it('explains a row’s problem by its code and column', () => {
    expect(importErrorText(en, 'unknown-student', 'login')).toBe('No student has this login.');
    expect(importErrorText(en, 'minutes-invalid', 'break_minutes')).toBe(
      'Write a whole number of minutes from 0 to 240.',
    );
    expect(importErrorText(en, 'invalid', 'validUntil')).toBe('Write the date as YYYY-MM-DD.');
  });
});
