// What the exam is: course, the preset it starts from, title, the students' instructions and the
// task; once saved, the task's files and how it is graded.
import { Alert, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuthoringCourse, PresetView } from '@emtihan/protocol';
import { TaskFilesPanel } from '../../exams/task-files.panel';
import { GradingPolicyControl } from '../grading-policy.control';
import type { ExamFormValues } from './exam-form.model';
import { useField } from './form-context';
import { RichTextField } from './rich-text.field';

export function BasicsSection({
  values,
  onChange,
  courses,
  presets,
  onPreset,
  examId,
  textsKey,
  afterSaveNote = true,
}: {
  values: ExamFormValues;
  onChange(patch: Partial<ExamFormValues>): void;
  courses: readonly AuthoringCourse[];
  presets: readonly PresetView[];
  onPreset(preset: PresetView): void;
  /** Once saved: the task's files and the grading policy are set on the saved exam. */
  examId: string | null;
  /** Changes when the texts are replaced from outside (loaded again), to show the new ones. */
  textsKey: string;
  /** Say that files and grading come after the first save (not on the LMS page). */
  afterSaveNote?: boolean;
}) {
  const { t } = useTranslation();
  const course = useField('courseId');
  const preset = useField('presetId');
  const title = useField('title');
  const written = values.kind === 'written';
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          {...course}
          label={t('authoring.basics.course')}
          description={t('authoring.basics.courseHint')}
          placeholder={t('authoring.basics.coursePick')}
          data={courses.map((c) => ({ value: c.id, label: c.title }))}
          value={values.courseId || null}
          onChange={(v) =>
            onChange({ courseId: v ?? '', proctoring: { ...values.proctoring, proctorIds: [] } })
          }
          allowDeselect={false}
          searchable
          required
        />
        <Select
          {...preset}
          label={t('authoring.basics.preset')}
          description={t('authoring.basics.presetHint')}
          placeholder={t('authoring.basics.presetNone')}
          data={presets.map((p) => ({
            value: p.id,
            label: p.isDefault ? t('authoring.basics.presetDefault', { name: p.name }) : p.name,
          }))}
          value={values.presetId}
          onChange={(v) => {
            const chosen = presets.find((p) => p.id === v);
            if (chosen) onPreset(chosen);
          }}
          allowDeselect={false}
          disabled={preset.disabled || presets.length === 0}
        />
      </SimpleGrid>
      <TextInput
        {...title}
        label={t('authoring.basics.title')}
        description={t('authoring.basics.titleHint')}
        value={values.title}
        onChange={(e) => onChange({ title: e.currentTarget.value })}
        maxLength={200}
        required
      />
      <RichTextField
        key={`instructions-${textsKey}`}
        path="instructions"
        label={t('authoring.basics.instructions')}
        description={t('authoring.basics.instructionsHint')}
        initial={values.instructions}
        onChange={(html) => onChange({ instructions: html })}
      />
      {written ? (
        <RichTextField
          key={`task-${textsKey}`}
          path="task"
          label={t('authoring.basics.task')}
          description={t('authoring.basics.taskHint')}
          initial={values.task}
          onChange={(html) => onChange({ task: html })}
          minHeight={220}
        />
      ) : null}
      {examId && written ? (
        <>
          <TaskFilesPanel examId={examId} />
          <GradingPolicyControl examId={examId} />
        </>
      ) : written && afterSaveNote ? (
        <Alert variant="light" color="gray">
          {t('authoring.basics.afterSave')}
        </Alert>
      ) : null}
    </Stack>
  );
}
