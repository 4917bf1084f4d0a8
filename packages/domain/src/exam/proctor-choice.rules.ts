// Which proctor a new sitting goes to (ADR 0007, ADR 0017): the exam's named proctors first, each
// up to the number of sittings the examiner allowed; then the course's other proctors; and when
// everyone is full, the least busy named proctor all the same (a sitting is never left alone).

export interface ProctorChoiceInput {
  /** The course's proctors. */
  courseProctors: readonly string[];
  /** The proctors the exam names (empty: every proctor of the course). */
  named: readonly string[];
  /** Sittings each watches at most; null: no limit. */
  maxEach: number | null;
  /** Sittings of the exam each proctor has now. */
  load: ReadonlyMap<string, number>;
}

/** The proctor for a new sitting, or null when the course has none. */
export function chooseProctor(input: ProctorChoiceInput): string | null {
  const course = [...input.courseProctors].sort();
  const named = course.filter((p) => input.named.includes(p));
  const first = named.length > 0 ? named : course;
  const others = course.filter((p) => !first.includes(p));
  const load = (p: string) => input.load.get(p) ?? 0;
  const roomy = (p: string) => input.maxEach === null || load(p) < input.maxEach;
  const leastOf = (list: string[]) =>
    list.reduce<string | null>(
      (best, p) => (best === null || load(p) < load(best) ? p : best),
      null,
    );
  return leastOf(first.filter(roomy)) ?? leastOf(others.filter(roomy)) ?? leastOf(first);
}
