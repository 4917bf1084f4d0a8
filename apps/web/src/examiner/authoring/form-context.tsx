// What every field of the exam and preset forms needs to know: the problems to show next to it
// (in the user's language) and whether it can be changed now.
import { createContext, use, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId, isLocked, problemAt, type FieldProblem } from './exam-form.model';

interface FormState {
  problems: readonly FieldProblem[];
  editable: 'all' | 'safe';
  /** The whole form is read-only (saving, or a person who may only look). */
  busy: boolean;
}

const FormContext = createContext<FormState>({ problems: [], editable: 'all', busy: false });

export function FormStateProvider({ value, children }: { value: FormState; children: ReactNode }) {
  return <FormContext value={value}>{children}</FormContext>;
}

/** Props for the input of the field at `path`: its id, its problem in words, whether it is locked. */
export function useField(path: string): {
  id: string;
  error: string | undefined;
  disabled: boolean;
} {
  const { t } = useTranslation();
  const { problems, editable, busy } = use(FormContext);
  const problem = problemAt(problems, path);
  return {
    id: fieldId(path),
    // The key and values come from the model's closed set (`authoring.problem.*`, `authoring.invalid.*`).
    error: problem
      ? (t(problem.key as 'authoring.invalid.generic', problem.values) as string)
      : undefined,
    disabled: busy || isLocked(path, editable),
  };
}

/** A number input's value: NaN (an emptied field) shows as empty. */
export function shown(n: number | null): number | string {
  return n === null || Number.isNaN(n) ? '' : n;
}

/** A number input's change: '' (emptied) is NaN, so the check names the field. */
export function asNumber(v: number | string): number {
  return typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v);
}
