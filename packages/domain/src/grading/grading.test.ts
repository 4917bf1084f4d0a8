import { describe, expect, it } from 'vitest';
import { gradeAnnulment, gradeSitting } from './grading.decision.ts';
import { makeGradingPolicy, validateGradingPolicy } from './grading.policy.ts';
import { fivePointScale, gradeForPercent, gradeForScore, kzLetterScale } from './grading.scale.ts';

const now = 1_780_000_000_000;

describe("Kazakhstan's 100-point letter scale", () => {
  it.each([
    [100, 'A', 4.0],
    [95, 'A', 4.0],
    [94, 'A−', 3.67],
    [90, 'A−', 3.67],
    [89, 'B+', 3.33],
    [85, 'B+', 3.33],
    [84, 'B', 3.0],
    [80, 'B', 3.0],
    [79, 'B−', 2.67],
    [75, 'B−', 2.67],
    [74, 'C+', 2.33],
    [70, 'C+', 2.33],
    [69, 'C', 2.0],
    [65, 'C', 2.0],
    [64, 'C−', 1.67],
    [60, 'C−', 1.67],
    [59, 'D+', 1.33],
    [55, 'D+', 1.33],
    [54, 'D', 1.0],
    [50, 'D', 1.0],
    [49, 'F', 0],
    [0, 'F', 0],
  ])('%i points → %s (%f)', (score, grade, points) => {
    expect(gradeForScore(kzLetterScale, score, 100)).toMatchObject({ grade, points });
  });

  it('does not round a fraction up into a better band: 94.6 % is an A−, 49.9 % fails', () => {
    expect(gradeForPercent(kzLetterScale, 94.6).grade).toBe('A−');
    expect(gradeForPercent(kzLetterScale, 49.9)).toMatchObject({ grade: 'F', passed: false });
    expect(gradeForPercent(kzLetterScale, 50)).toMatchObject({ grade: 'D', passed: true });
  });

  it('works from the percentage of any maximum: 18 of 20 is 90 %, an A−', () => {
    expect(gradeForScore(kzLetterScale, 18, 20)).toMatchObject({ percent: 90, grade: 'A−' });
  });
});

describe('the 5-point scale', () => {
  it.each([
    [100, '5'],
    [90, '5'],
    [89.99, '4'],
    [75, '4'],
    [74, '3'],
    [50, '3'],
    [49, '2'],
    [0, '2'],
  ])('%f %% → %s', (p, grade) => {
    expect(gradeForPercent(fivePointScale, p).grade).toBe(grade);
  });
});

describe('grading a sitting', () => {
  const policy = makeGradingPolicy({ maxScore: 50 });

  it('accepts a score within the maximum on a finished sitting and grades it on the scale', () => {
    const r = gradeSitting({ policy, status: 'submitted', score: 42.5, comment: ' Жақсы ', now });
    expect(r).toEqual({
      ok: true,
      grade: {
        outcome: 'graded',
        score: 42.5,
        maxScore: 50,
        percent: 85,
        grade: 'B+',
        points: 3.33,
        passed: true,
        comment: 'Жақсы',
        gradedAt: now,
      },
    });
  });

  it.each([
    [51, 'score-out-of-range'],
    [-1, 'score-out-of-range'],
    [Number.NaN, 'score-not-a-number'],
    [Number.POSITIVE_INFINITY, 'score-not-a-number'],
    [10.125, 'score-too-precise'],
  ])('refuses %f: %s', (score, reason) => {
    expect(gradeSitting({ policy, status: 'submitted', score, now })).toEqual({
      ok: false,
      reason,
    });
  });

  it('refuses a sitting still at work, or annulled', () => {
    for (const status of ['in_progress', 'paused', 'checking_in', 'annulled', 'not_opened'])
      expect(gradeSitting({ policy, status, score: 10, now })).toEqual({
        ok: false,
        reason: 'not-gradable-in-state',
      });
  });

  it('lets an accepted sitting be graded again (a correction) and an oral one once graded', () => {
    expect(gradeSitting({ policy, status: 'accepted', score: 0, now }).ok).toBe(true);
    expect(gradeSitting({ policy, status: 'graded', score: 50, now }).ok).toBe(true);
  });

  it('refuses an overlong comment', () => {
    const comment = 'x'.repeat(2001);
    expect(gradeSitting({ policy, status: 'submitted', score: 1, comment, now })).toEqual({
      ok: false,
      reason: 'comment-too-long',
    });
  });
});

describe('an annulled sitting', () => {
  it('gets zero with the reason as the comment when the policy says so', () => {
    const r = gradeAnnulment({
      policy: makeGradingPolicy(),
      status: 'annulled',
      reason: 'phone call during the exam',
      label: 'Күшін жойды',
      now,
    });
    expect(r).toMatchObject({
      ok: true,
      grade: {
        outcome: 'annulled',
        score: 0,
        maxScore: 100,
        grade: 'F',
        passed: false,
        comment: 'Күшін жойды: phone call during the exam',
      },
    });
  });

  it('gets nothing when the policy does not score annulments', () => {
    expect(
      gradeAnnulment({
        policy: makeGradingPolicy({ annulledScoresZero: false }),
        status: 'annulled',
        reason: 'x',
        now,
      }),
    ).toEqual({ ok: false, reason: 'annulled-not-scored' });
  });

  it('needs the sitting to be annulled, with a reason', () => {
    const policy = makeGradingPolicy();
    expect(gradeAnnulment({ policy, status: 'accepted', reason: 'x', now }).ok).toBe(false);
    expect(gradeAnnulment({ policy, status: 'annulled', reason: ' ', now })).toEqual({
      ok: false,
      reason: 'reason-required',
    });
  });
});

describe('the grading policy', () => {
  it('defaults to 100 points on the letter scale, annulments scored zero', () => {
    expect(makeGradingPolicy()).toEqual({
      maxScore: 100,
      scale: 'kz-letter-100',
      annulledScoresZero: true,
    });
  });

  it('names the fields that cannot work', () => {
    expect(validateGradingPolicy(makeGradingPolicy({ maxScore: 0 }))).toEqual({
      ok: false,
      problems: ['maxScore'],
    });
    expect(
      validateGradingPolicy({ ...makeGradingPolicy(), scale: 'ten-point' as never, maxScore: 5 }),
    ).toEqual({ ok: false, problems: ['scale'] });
    expect(validateGradingPolicy(makeGradingPolicy({ maxScore: 5 }))).toEqual({ ok: true });
  });
});
