import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET, ExamDraft, ExamSettings, type PresetView } from '@emtihan/protocol';
import {
  applyPreset,
  checkDraft,
  checkPreset,
  blankPresetValues,
  draftToValues,
  fieldId,
  isLocked,
  newExamValues,
  numberBounds,
  problemAt,
  problemsByTab,
  serverProblem,
  tabOf,
  valuesToDraft,
} from './exam-form.model';

const ZONE = 'Asia/Almaty';
// 16:00 in Almaty on 7 December 2026.
const NOW = Date.parse('2026-12-07T11:00:00Z');

const preset: PresetView = {
  id: 'p1',
  name: 'Final exams',
  isDefault: true,
  durationMinutes: 90,
  checkInLeadMinutes: 15,
  ruleSet: { allowed: [], forbidden: ['other-tabs'], extra: { kk: 'а', ru: 'б', en: 'c' } },
  settings: ExamSettings.parse({ liveProctoring: false }),
  updatedAt: '2026-12-01T00:00:00Z',
};

function validValues() {
  const v = newExamValues({
    kind: 'written',
    courseId: 'c1',
    preset: null,
    zone: ZONE,
    nowMs: NOW,
  });
  v.title = 'Midterm';
  return v;
}

describe('a new exam', () => {
  it('without a preset has the protocol defaults, 60 minutes, 20 minutes of check-in, tomorrow 10:00 in the zone', () => {
    const v = newExamValues({ kind: 'oral', courseId: 'c1', preset: null, zone: ZONE, nowMs: NOW });
    expect(v).toMatchObject({
      kind: 'oral',
      courseId: 'c1',
      durationMinutes: 60,
      checkInLeadMinutes: 20,
      opens: { date: '2026-12-08', time: '10:00' },
      closes: { date: '2026-12-08', time: '11:30' },
      presetId: null,
    });
    expect(v.settings).toEqual(ExamSettings.parse({}));
    expect(v.ruleSet).toEqual(DEFAULT_RULE_SET);
    expect(v.ruleSet).not.toBe(DEFAULT_RULE_SET);
  });

  it('starts from a preset: its duration, lead, rules and settings, and remembers it', () => {
    const v = newExamValues({ kind: 'written', courseId: 'c1', preset, zone: ZONE, nowMs: NOW });
    expect(v).toMatchObject({ durationMinutes: 90, checkInLeadMinutes: 15, presetId: 'p1' });
    expect(v.closes).toEqual({ date: '2026-12-08', time: '12:00' });
    expect(v.settings.liveProctoring).toBe(false);
    expect(v.ruleSet.forbidden).toEqual(['other-tabs']);
  });

  it('a preset applied later keeps the course, title, texts, window and proctors', () => {
    const v = { ...validValues(), instructions: '<p>x</p>' };
    v.proctoring.proctorIds = ['u1'];
    const after = applyPreset(v, preset);
    expect(after).toMatchObject({
      title: 'Midterm',
      instructions: '<p>x</p>',
      opens: v.opens,
      closes: v.closes,
      proctoring: { proctorIds: ['u1'] },
      durationMinutes: 90,
      presetId: 'p1',
    });
    after.settings.media.camera = false;
    expect(preset.settings.media.camera).toBe(true);
  });
});

describe('draft and form', () => {
  it('a draft comes back the same through the form, its times on the zone’s clock', () => {
    const draft = ExamDraft.parse({
      ...valuesToDraft(validValues(), ZONE),
      opensAt: '2026-12-10T04:00:00.000Z',
      closesAt: '2026-12-10T07:30:00.000Z',
    });
    const values = draftToValues(draft, ZONE);
    expect(values.opens).toEqual({ date: '2026-12-10', time: '09:00' });
    expect(values.closes).toEqual({ date: '2026-12-10', time: '12:30' });
    expect(valuesToDraft(values, ZONE)).toEqual(draft);
  });

  it('a valid form has no problems', () => {
    expect(checkDraft(valuesToDraft(validValues(), ZONE), null)).toEqual([]);
  });

  it('each bad field is named with a translated explanation and the schema’s bounds', () => {
    const v = validValues();
    v.title = '  ';
    v.durationMinutes = 2000;
    v.checkInLeadMinutes = Number.NaN;
    v.settings.snapshotSeconds = 2.5;
    v.opens = { date: '', time: '10:00' };
    const problems = checkDraft(valuesToDraft(v, ZONE), null);
    expect(problemAt(problems, 'title')?.key).toBe('authoring.invalid.required');
    expect(problemAt(problems, 'durationMinutes')).toEqual({
      path: 'durationMinutes',
      key: 'authoring.invalid.range',
      values: { min: 1, max: 1440 },
    });
    expect(problemAt(problems, 'checkInLeadMinutes')?.values).toEqual({ min: 0, max: 120 });
    expect(problemAt(problems, 'settings.snapshotSeconds')?.key).toBe('authoring.invalid.whole');
    expect(problemAt(problems, 'opensAt')?.key).toBe('authoring.invalid.dateTime');
  });

  it('closing before opening, a duration longer than the window and a grace period of 0 are explained at their fields', () => {
    const v = validValues();
    v.closes = { date: v.opens.date, time: '09:00' };
    v.settings.timeOut = { mode: 'grace', graceMinutes: 0 };
    const problems = checkDraft(valuesToDraft(v, ZONE), null);
    expect(problems).toEqual([
      { path: 'closesAt', key: 'authoring.problem.end-before-start' },
      { path: 'settings.timeOut.graceMinutes', key: 'authoring.problem.grace-minutes-required' },
    ]);
    v.closes = { date: v.opens.date, time: '10:30' };
    expect(checkDraft(valuesToDraft(v, ZONE), null)[0]).toEqual({
      path: 'durationMinutes',
      key: 'authoring.problem.duration-longer-than-window',
    });
  });

  it('live proctoring without camera or screen, and a proctor not of the course, are explained', () => {
    const v = validValues();
    v.settings.media = { camera: false, microphone: true, screen: false };
    v.proctoring.proctorIds = ['u9'];
    expect(checkDraft(valuesToDraft(v, ZONE), null, ['u1']).map((p) => [p.path, p.key])).toEqual([
      ['settings.media', 'authoring.problem.no-requirement-for-live'],
      ['proctoring.proctorIds', 'authoring.problem.not-a-proctor'],
    ]);
    v.settings.liveProctoring = false;
    expect(checkDraft(valuesToDraft(v, ZONE), null, null)).toEqual([]);
  });

  it('an oral exam’s duration is a turn, not bound by the window', () => {
    const v = newExamValues({ kind: 'oral', courseId: 'c1', preset: null, zone: ZONE, nowMs: NOW });
    v.title = 'Oral';
    v.durationMinutes = 600;
    expect(checkDraft(valuesToDraft(v, ZONE), null)).toEqual([]);
  });

  it('after a sitting has begun: no earlier close, no shorter duration, no proctor removed', () => {
    const v = validValues();
    v.proctoring.proctorIds = ['u1', 'u2'];
    const saved = ExamDraft.parse(valuesToDraft(v, ZONE));
    const later = { ...v, closes: { ...v.closes, time: '12:00' }, durationMinutes: 61 };
    later.proctoring = { proctorIds: ['u1', 'u2', 'u3'], maxSittingsEach: null };
    expect(checkDraft(valuesToDraft(later, ZONE), { draft: saved, editable: 'safe' })).toEqual([]);
    const cut = { ...v, closes: { ...v.closes, time: '11:00' }, durationMinutes: 30 };
    cut.proctoring = { proctorIds: ['u2'], maxSittingsEach: null };
    expect(
      checkDraft(valuesToDraft(cut, ZONE), { draft: saved, editable: 'safe' }).map((p) => [
        p.path,
        p.key,
      ]),
    ).toEqual([
      ['closesAt', 'authoring.problem.cuts-running-sitting'],
      ['durationMinutes', 'authoring.problem.cuts-running-sitting'],
      ['proctoring.proctorIds', 'authoring.problem.proctor-removed'],
    ]);
  });
});

describe('the server’s refusals', () => {
  it('an authoring code is translated by name, at the draft’s path', () => {
    expect(serverProblem({ path: 'closesAt', message: 'end-before-start' })).toEqual({
      path: 'closesAt',
      key: 'authoring.problem.end-before-start',
    });
    expect(
      serverProblem({ path: 'body.proctoring.proctorIds', message: 'not-a-proctor' }).path,
    ).toBe('proctoring.proctorIds');
  });

  it('a zod message in English becomes the field’s bounds in the user’s language', () => {
    expect(
      serverProblem({
        path: 'settings.timeOut.graceMinutes',
        message: 'Too big: expected number to be <=240',
      }),
    ).toEqual({
      path: 'settings.timeOut.graceMinutes',
      key: 'authoring.invalid.range',
      values: { min: 0, max: 240 },
    });
    expect(serverProblem({ path: 'title', message: 'Too small' }).key).toBe(
      'authoring.invalid.generic',
    );
  });

  it('knows the bounds through defaults and nullables', () => {
    expect(numberBounds('proctoring.maxSittingsEach')).toEqual({ min: 1, max: 500 });
    expect(numberBounds('settings.answer.wordLimit')).toEqual({ min: 1, max: 100_000 });
    expect(numberBounds('settings.attachments.maxBytes')).toEqual({ min: 1, max: null });
    expect(numberBounds('title')).toBeNull();
    expect(numberBounds('settings.nothing')).toBeNull();
  });
});

describe('the form’s layout', () => {
  it.each([
    ['title', 'basics'],
    ['task', 'basics'],
    ['closesAt', 'time'],
    ['settings.timeOut.graceMinutes', 'time'],
    ['settings.answer.wordLimit', 'answer'],
    ['settings.attachmentTypes', 'answer'],
    ['settings.media.camera', 'proctoring'],
    ['settings.violationPolicy.warningAckLimitSeconds', 'violations'],
    ['ruleSet.extra.kk', 'rules'],
    ['proctoring.proctorIds.0', 'proctors'],
  ] as const)('%s is on the tab %s', (path, tab) => {
    expect(tabOf(path)).toBe(tab);
  });

  it('counts problems per tab and gives each field an id', () => {
    expect(
      problemsByTab([
        { path: 'closesAt', key: 'k' },
        { path: 'durationMinutes', key: 'k' },
        { path: 'title', key: 'k' },
      ]),
    ).toEqual({ time: 2, basics: 1 });
    expect(fieldId('settings.timeOut.graceMinutes')).toBe(
      'exam-field-settings-timeOut-graceMinutes',
    );
  });

  it.each([
    ['title', false],
    ['instructions', false],
    ['task', false],
    ['ruleSet.extra.ru', false],
    ['closesAt', false],
    ['durationMinutes', false],
    ['proctoring.proctorIds', false],
    ['opensAt', true],
    ['courseId', true],
    ['checkInLeadMinutes', true],
    ['ruleSet.forbidden', true],
    ['settings.media.camera', true],
    ['proctoring.maxSittingsEach', false],
    ['settings.answer.statement.kk', false],
    ['settings.retentionDays', false],
    ['settings.answer.wordLimit', true],
    ['presetId', true],
  ])('once a sitting has begun, %s locked: %s', (path, locked) => {
    expect(isLocked(path, 'safe')).toBe(locked);
    expect(isLocked(path, 'all')).toBe(false);
  });
});

describe('the preset form', () => {
  it('needs a name and keeps the schema’s bounds', () => {
    const v = blankPresetValues();
    expect(checkPreset(v).map((p) => [p.path, p.key])).toEqual([
      ['name', 'authoring.invalid.required'],
    ]);
    v.name = 'Finals';
    v.settings.retentionDays = 0;
    expect(checkPreset(v)).toEqual([
      {
        path: 'settings.retentionDays',
        key: 'authoring.invalid.range',
        values: { min: 1, max: 3650 },
      },
    ]);
  });
});
