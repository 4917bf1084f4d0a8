// How an oral exam's commission marks: a whole mark on the exam's scale (the shared grading
// scales, `grading/grading.scale.ts`): 0..100 on Kazakhstan's letter scale, 2..5 on the 5-point
// scale. The session machine stores a 0..100 score; a 5-point mark is kept as its percentage.
import {
  gradeForPercent,
  gradingScaleIds,
  gradingScales,
  type GradingScaleId,
} from '../grading/grading.scale.ts';

export type OralScaleId = GradingScaleId;
export const oralScaleIds: readonly OralScaleId[] = gradingScaleIds;

export interface OralScale {
  id: OralScaleId;
  min: number;
  max: number;
}

export const oralScales: Record<OralScaleId, OralScale> = {
  'kz-letter-100': { id: 'kz-letter-100', min: 0, max: 100 },
  'five-point': { id: 'five-point', min: 2, max: 5 },
};

/** Whether `mark` is a whole mark on the scale. */
export function isOnScale(scale: OralScaleId, mark: number): boolean {
  const s = oralScales[scale];
  return Number.isInteger(mark) && mark >= s.min && mark <= s.max;
}

/** The letter grade of the Kazakh credit system for a 0..100 score. */
export function letterFor(score100: number): string {
  return gradeForPercent(gradingScales['kz-letter-100'], score100).grade;
}

/** The final mark from the commission's marks: their mean, rounded half up. */
export function finalMark(scale: OralScaleId, marks: readonly number[]): number | null {
  if (marks.length === 0 || !marks.every((m) => isOnScale(scale, m))) return null;
  return Math.round(marks.reduce((a, b) => a + b, 0) / marks.length);
}

/** The 0..100 score the session machine stores for a mark on the scale. */
export function toScore100(scale: OralScaleId, mark: number): number {
  return scale === 'five-point' ? mark * 20 : mark;
}

/** How a mark is written in the protocol: "87 (B+)" or "4". */
export function formatMark(scale: OralScaleId, mark: number): string {
  return scale === 'kz-letter-100' ? `${mark} (${letterFor(mark)})` : String(mark);
}
