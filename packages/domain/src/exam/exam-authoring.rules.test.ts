import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  changeAfterStartProblems,
  deleteProblems,
  draftProblems,
  publishProblems,
  type AuthoredExam,
} from './exam-authoring.rules.ts';

const H = 3_600_000;
const exam = (patch: Partial<AuthoredExam> = {}): AuthoredExam => ({
  kind: 'written',
  opensAt: 10 * H,
  closesAt: 12 * H,
  durationMinutes: 60,
  liveProctoring: false,
  timeOut: { mode: 'submit', graceMinutes: 0 },
  media: { camera: true, microphone: true, screen: true },
  proctorIds: [],
  hasContent: true,
  slotCount: 0,
  locked: { 'settings.media.screen': 'true' },
  ...patch,
});

describe('a draft', () => {
  it.each([
    ['a window that ends when it opens', { closesAt: 10 * H }, 'closesAt', 'end-before-start'],
    [
      'a duration past the window',
      { durationMinutes: 121 },
      'durationMinutes',
      'duration-longer-than-window',
    ],
    [
      'a grace period of 0 minutes',
      { timeOut: { mode: 'grace' as const, graceMinutes: 0 } },
      'settings.timeOut.graceMinutes',
      'grace-minutes-required',
    ],
    [
      'live proctoring with nothing to watch',
      { liveProctoring: true, media: { camera: false, microphone: true, screen: false } },
      'settings.media',
      'no-requirement-for-live',
    ],
    [
      'a stranger named as proctor',
      { proctorIds: ['x'] },
      'proctoring.proctorIds',
      'not-a-proctor',
    ],
  ])('with %s is refused at its field', (_, patch, field, code) => {
    expect(draftProblems(exam(patch), ['p1'])).toEqual([{ field, code }]);
  });

  it('fits the duration exactly into the window', () => {
    expect(draftProblems(exam({ durationMinutes: 120 }), [])).toEqual([]);
  });

  it('of an oral exam is not held to the window by its turn length', () => {
    expect(draftProblems(exam({ kind: 'oral', durationMinutes: 600 }), [])).toEqual([]);
  });
});

describe('publishing', () => {
  it('lists everything missing at once', () => {
    const p = publishProblems(
      exam({ liveProctoring: true, hasContent: false, closesAt: 11 * H }),
      [],
      11 * H,
    );
    expect(p.map((x) => x.code)).toEqual([
      'proctors-required',
      'content-required',
      'closes-in-past',
    ]);
  });

  it('needs slots for an oral exam', () => {
    expect(publishProblems(exam({ kind: 'oral' }), [], 0)).toEqual([
      { field: 'slots', code: 'slots-required' },
    ]);
  });

  it('passes a complete exam', () => {
    expect(
      publishProblems(exam({ liveProctoring: true, proctorIds: ['p1'] }), ['p1'], 9 * H),
    ).toEqual([]);
  });
});

describe('a change once sittings have begun', () => {
  it('takes a later close, more time, more proctors', () => {
    const before = exam({ proctorIds: ['p1'] });
    const after = exam({ closesAt: 13 * H, durationMinutes: 90, proctorIds: ['p1', 'p2'] });
    expect(changeAfterStartProblems(before, after)).toEqual([]);
  });

  it('refuses what would cut a running sitting short, and locked fields, by name', () => {
    const after = exam({
      closesAt: 11 * H,
      durationMinutes: 30,
      proctorIds: [],
      locked: { 'settings.media.screen': 'false' },
    });
    expect(changeAfterStartProblems(exam({ proctorIds: ['p1'] }), after)).toEqual([
      { field: 'closesAt', code: 'cuts-running-sitting' },
      { field: 'durationMinutes', code: 'cuts-running-sitting' },
      { field: 'proctoring.proctorIds', code: 'proctor-removed' },
      { field: 'settings.media.screen', code: 'locked-after-start' },
    ]);
  });

  it('never lets the close or the duration shrink', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 600 }), (a, b) => {
        const ok =
          changeAfterStartProblems(exam({ durationMinutes: a }), exam({ durationMinutes: b }))
            .length === 0;
        return ok === b >= a;
      }),
    );
  });
});

describe('deleting', () => {
  it('is refused once a student has opened a sitting', () => {
    expect(deleteProblems(1)).toEqual([{ field: 'exam', code: 'has-sittings' }]);
    expect(deleteProblems(0)).toEqual([]);
  });
});
