import type { ExamSettings, RuleSet } from '@emtihan/protocol';

/** What the exam form and the preset form share: the sections below course, title and window. */
export interface CommonValues {
  durationMinutes: number;
  checkInLeadMinutes: number;
  ruleSet: RuleSet;
  settings: ExamSettings;
}

export interface SectionProps {
  values: CommonValues;
  onChange(patch: Partial<CommonValues>): void;
}

/** A setter for one setting of the exam. */
export function settingSetter(values: CommonValues, onChange: SectionProps['onChange']) {
  return <K extends keyof ExamSettings>(key: K, value: ExamSettings[K]) =>
    onChange({ settings: { ...values.settings, [key]: value } });
}
