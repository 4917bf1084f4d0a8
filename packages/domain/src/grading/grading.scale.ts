// Grading scales: a score out of the exam's maximum becomes a percentage and then a grade on the
// scale the exam uses. Written and oral exams share these (an oral exam grades the same way).

/** A band of the scale: every percentage at or above `minPercent` (and below the next band). */
export interface GradeBand {
  /** The grade as written in the record book: `A−`, `B+`, `5`. */
  grade: string;
  minPercent: number;
  /** Grade points (GPA) where the scale has them. */
  points: number | null;
}

export interface GradingScale {
  id: GradingScaleId;
  /** Highest band first. */
  bands: readonly GradeBand[];
  /** At or above this percentage the grade is a pass. */
  passPercent: number;
}

export const gradingScaleIds = ['kz-letter-100', 'five-point'] as const;
export type GradingScaleId = (typeof gradingScaleIds)[number];

/**
 * Kazakhstan's credit-system scale: 100 points with letter grades (A 95–100, A− 90–94, B+ 85–89,
 * B 80–84, B− 75–79, C+ 70–74, C 65–69, C− 60–64, D+ 55–59, D 50–54, F 0–49).
 */
export const kzLetterScale: GradingScale = {
  id: 'kz-letter-100',
  passPercent: 50,
  bands: [
    { grade: 'A', minPercent: 95, points: 4.0 },
    { grade: 'A−', minPercent: 90, points: 3.67 },
    { grade: 'B+', minPercent: 85, points: 3.33 },
    { grade: 'B', minPercent: 80, points: 3.0 },
    { grade: 'B−', minPercent: 75, points: 2.67 },
    { grade: 'C+', minPercent: 70, points: 2.33 },
    { grade: 'C', minPercent: 65, points: 2.0 },
    { grade: 'C−', minPercent: 60, points: 1.67 },
    { grade: 'D+', minPercent: 55, points: 1.33 },
    { grade: 'D', minPercent: 50, points: 1.0 },
    { grade: 'F', minPercent: 0, points: 0 },
  ],
};

/**
 * The traditional 5-point scale, from the same percentages: 5 (excellent) 90–100, 4 (good)
 * 75–89, 3 (satisfactory) 50–74, 2 (unsatisfactory) 0–49.
 */
export const fivePointScale: GradingScale = {
  id: 'five-point',
  passPercent: 50,
  bands: [
    { grade: '5', minPercent: 90, points: null },
    { grade: '4', minPercent: 75, points: null },
    { grade: '3', minPercent: 50, points: null },
    { grade: '2', minPercent: 0, points: null },
  ],
};

export const gradingScales: Readonly<Record<GradingScaleId, GradingScale>> = {
  'kz-letter-100': kzLetterScale,
  'five-point': fivePointScale,
};

export interface ScaledGrade {
  /** Score / maximum × 100, rounded to two decimals (not rounded up into a better band). */
  percent: number;
  grade: string;
  points: number | null;
  passed: boolean;
}

/**
 * The grade for a percentage. Bands compare the exact percentage with their minimum, so 94.6 %
 * is an A− (the band's written range 90–94 covers everything below 95).
 */
export function gradeForPercent(scale: GradingScale, percent: number): ScaledGrade {
  const p = Math.min(100, Math.max(0, percent));
  const band = scale.bands.find((b) => p >= b.minPercent) ?? scale.bands[scale.bands.length - 1]!;
  return {
    percent: Math.round(p * 100) / 100,
    grade: band.grade,
    points: band.points,
    passed: p >= scale.passPercent,
  };
}

export function gradeForScore(scale: GradingScale, score: number, maxScore: number): ScaledGrade {
  return gradeForPercent(scale, maxScore > 0 ? (score / maxScore) * 100 : 0);
}
