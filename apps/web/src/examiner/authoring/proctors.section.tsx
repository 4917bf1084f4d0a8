// Who proctors the exam: proctors of the course, and how many sittings each watches at most.
import { Alert, MultiSelect, NumberInput, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuthoringPerson } from '@emtihan/protocol';
import type { ExamFormValues } from './exam-form.model';
import { asNumber, shown, useField } from './form-context';

export function ProctorsSection({
  proctoring,
  candidates,
  live,
  onChange,
}: {
  proctoring: ExamFormValues['proctoring'];
  /** The course's proctors. */
  candidates: readonly AuthoringPerson[];
  live: boolean;
  onChange(p: ExamFormValues['proctoring']): void;
}) {
  const { t } = useTranslation();
  const ids = useField('proctoring.proctorIds');
  const max = useField('proctoring.maxSittingsEach');
  // Someone named before who is no longer a proctor of the course is still shown by id.
  const known = new Set(candidates.map((p) => p.id));
  const data = [
    ...candidates.map((p) => ({ value: p.id, label: `${p.fullName} (${p.login})` })),
    ...proctoring.proctorIds.filter((id) => !known.has(id)).map((id) => ({ value: id, label: id })),
  ];
  return (
    <Stack gap="md">
      {candidates.length === 0 ? (
        <Alert color="yellow" variant="light">
          {t('authoring.proctors.none')}
        </Alert>
      ) : null}
      <MultiSelect
        {...ids}
        label={t('authoring.proctors.proctors')}
        description={t(
          live ? 'authoring.proctors.proctorsHintLive' : 'authoring.proctors.proctorsHint',
        )}
        placeholder={proctoring.proctorIds.length ? undefined : t('authoring.proctors.pick')}
        data={data}
        value={proctoring.proctorIds}
        onChange={(v) => onChange({ ...proctoring, proctorIds: v })}
        searchable
        clearable={false}
        nothingFoundMessage={t('authoring.proctors.nothingFound')}
      />
      <NumberInput
        {...max}
        label={t('authoring.proctors.maxEach')}
        description={t('authoring.proctors.maxEachHint')}
        min={1}
        max={500}
        allowDecimal={false}
        maw={360}
        value={shown(proctoring.maxSittingsEach)}
        onChange={(v) =>
          onChange({ ...proctoring, maxSittingsEach: v === '' ? null : asNumber(v) })
        }
      />
    </Stack>
  );
}
