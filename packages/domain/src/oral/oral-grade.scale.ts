// A minimal grading scale for oral exams, to be replaced by the shared grading module when it
// lands. The machine stores a 0..100 score; a 5-point grade is kept as its percentage.

export type OralScaleId = 'kz-100' | 'five-point';
export const oralScaleIds: readonly OralScaleId[] = ['kz-100', 'five-point'];

export interface OralScale {
  id: OralScaleId;
  min: number;
  max: number;
}

export const oralScales: Record<OralScaleId, OralScale> = {
  'kz-100': { id: 'kz-100', min: 0, max: 100 },
  'five-point': { id: 'five-point', min: 2, max: 5 },
};

/** Whether `score` is a whole mark on the scale. */
export function isOnScale(scale: OralScaleId, score: number): boolean {
  const s = oralScales[scale];
  return Number.isInteger(score) && score >= s.min && score <= s.max;
}

/** The letter grade of the Kazakh credit system for a 0..100 score. */
export function letterFor(score100: number): string {
  const bands: [number, string][] = [
    [95, 'A'],
    [90, 'A-'],
    [85, 'B+'],
    [80, 'B'],
    [75, 'B-'],
    [70, 'C+'],
    [65, 'C'],
    [60, 'C-'],
    [55, 'D+'],
    [50, 'D'],
    [0, 'F'],
  ];
  return bands.find(([min]) => score100 >= min)![1];
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
  return scale === 'kz-100' ? `${mark} (${letterFor(mark)})` : String(mark);
}
