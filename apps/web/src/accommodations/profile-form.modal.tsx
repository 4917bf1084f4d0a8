// The office's form for one student's accommodation: the time factor, extra minutes, rest breaks,
// the checks left out, the proctor's note, the document and the end date, and why it changes.
// The domain's rules are asked before sending; the server's refusal is shown at the same fields.
import {
  Alert,
  Checkbox,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccommodationView } from '@emtihan/protocol';
import { ApiError } from '../api/client';
import { useSession } from '../session/session';
import { errorMessage } from '../ui/errors';
import { formatFactor, formatWorkTime } from '../ui/work-time';
import {
  blankProfile,
  checkProfile,
  factorOf,
  FACTOR_CHOICES,
  MAX_BREAK_MINUTES,
  MAX_EXTRA_MINUTES,
  MAX_TIME_FACTOR,
  problemAt,
  profileToBody,
  profileToValues,
  serverProblem,
  SKIPPABLE_CHECKS,
  type FactorChoice,
  type FieldProblem,
  type ProfileFormValues,
} from './accommodation.model';
import type { StudentChoice } from './students';
import { FormFoot, useFocusFirstProblem, ReasonField } from './change-reason';

/** An example exam for the preview line under the time fields. */
const EXAMPLE_MINUTES = 60;

const num = (v: number | string) =>
  typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v);
const shown = (n: number) => (Number.isNaN(n) ? '' : n);

export function ProfileFormModal({
  profile,
  studentId,
  students,
  existing,
  onClose,
  onSaved,
}: {
  /** The profile to change; null for a new one. */
  profile: AccommodationView | null;
  /** A student chosen already (from their history). */
  studentId?: string | null;
  students: readonly StudentChoice[] | null;
  /** Students who have a profile already: choosing one changes theirs. */
  existing: ReadonlyMap<string, AccommodationView>;
  onClose(): void;
  onSaved(saved: AccommodationView, created: boolean): void;
}) {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const [values, setValues] = useState<ProfileFormValues>(() =>
    profile ? profileToValues(profile) : blankProfile(studentId ?? null),
  );
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = (patch: Partial<ProfileFormValues>) => setValues((v) => ({ ...v, ...patch }));

  const errorAt = (field: string) => {
    const p = problemAt(problems, field);
    return p ? t(`accommodations.problem.${p.key}`, p.values ?? {}) : undefined;
  };

  const replacing = !profile && values.studentId ? existing.get(values.studentId) : undefined;
  const title = profile
    ? t('accommodations.form.editTitle', { name: profile.studentName })
    : t('accommodations.form.newTitle');

  const formRef = useFocusFirstProblem(problems);

  const show = (found: FieldProblem[]) => {
    setProblems(found);
    setFailure(t('accommodations.form.invalid', { n: found.length }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found = checkProfile(values);
    if (found.length > 0) return show(found);
    setProblems([]);
    setBusy(true);
    try {
      const saved = await api.call('setAccommodation', {
        params: { studentId: values.studentId ?? '' },
        body: profileToBody(values),
      });
      onSaved(saved, !profile && !replacing);
    } catch (e) {
      if (e instanceof ApiError && e.issues.length > 0) {
        show(e.issues.map(serverProblem));
      } else if (e instanceof ApiError && e.code === 'not-found') {
        show([{ field: 'studentId', key: 'unknown-student' }]);
      } else {
        setFailure(errorMessage(t, e));
      }
    } finally {
      setBusy(false);
    }
  };

  const factor = factorOf(values);
  const factorError = errorAt('timeFactor');
  const custom = values.factorChoice === 'custom';
  const previewable =
    Number.isFinite(factor) && factor >= 1 && Number.isInteger(values.extraMinutes);

  return (
    <Modal opened onClose={onClose} title={title} size="xl" centered={false}>
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          {profile ? (
            <Text fw={500}>
              {t('accommodations.form.studentIs', {
                name: profile.studentName,
                login: profile.studentLogin,
              })}
            </Text>
          ) : (
            <Select
              label={t('accommodations.field.student')}
              description={t('accommodations.field.studentHint')}
              placeholder={t('accommodations.field.studentPlaceholder')}
              searchable
              required
              nothingFoundMessage={t('accommodations.field.studentNone')}
              data={(students ?? []).map((s) => ({
                value: s.id,
                label: `${s.fullName} (${s.login}${s.group ? `, ${s.group}` : ''})`,
              }))}
              value={values.studentId}
              onChange={(id) => change({ studentId: id })}
              error={errorAt('studentId')}
              disabled={students === null}
            />
          )}
          {replacing ? (
            <Alert color="yellow" variant="light">
              {t('accommodations.form.replaces')}
            </Alert>
          ) : null}

          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Stack gap="xs">
              <Select
                label={t('accommodations.field.factor')}
                description={t('accommodations.field.factorHint')}
                data={FACTOR_CHOICES.map((c) => ({
                  value: c,
                  label:
                    c === 'custom'
                      ? t('accommodations.field.factorCustom')
                      : c === '1'
                        ? t('accommodations.field.factorNone')
                        : `×${formatFactor(Number(c), language)}`,
                }))}
                value={values.factorChoice}
                allowDeselect={false}
                onChange={(c) => c && change({ factorChoice: c as FactorChoice })}
                error={custom ? undefined : factorError}
              />
              {custom ? (
                <NumberInput
                  label={t('accommodations.field.factorNumber')}
                  description={t('accommodations.field.factorNumberHint', {
                    max: MAX_TIME_FACTOR,
                  })}
                  decimalScale={2}
                  step={0.05}
                  value={shown(values.customFactor)}
                  onChange={(v) => change({ customFactor: num(v) })}
                  error={factorError}
                  required
                />
              ) : null}
            </Stack>
            <NumberInput
              label={t('accommodations.field.extra')}
              description={t('accommodations.field.extraHint')}
              suffix={` ${t('accommodations.minutesShort')}`}
              allowDecimal={false}
              min={0}
              max={MAX_EXTRA_MINUTES}
              clampBehavior="none"
              value={shown(values.extraMinutes)}
              onChange={(v) => change({ extraMinutes: num(v) })}
              error={errorAt('extraMinutes')}
            />
            <NumberInput
              label={t('accommodations.field.breaks')}
              description={t('accommodations.field.breaksHint')}
              suffix={` ${t('accommodations.minutesShort')}`}
              allowDecimal={false}
              min={0}
              max={MAX_BREAK_MINUTES}
              clampBehavior="none"
              value={shown(values.breakMinutes)}
              onChange={(v) => change({ breakMinutes: num(v) })}
              error={errorAt('breakMinutes')}
            />
          </SimpleGrid>
          {previewable ? (
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('accommodations.form.preview', {
                minutes: EXAMPLE_MINUTES,
                workTime: formatWorkTime(t, language, {
                  durationMinutes: EXAMPLE_MINUTES,
                  timeFactor: factor,
                  extraMinutes: values.extraMinutes,
                }),
              })}
            </Text>
          ) : null}

          <Checkbox.Group
            label={t('accommodations.field.skip')}
            description={t('accommodations.field.skipHint')}
            value={values.skippedChecks}
            onChange={(v) =>
              change({ skippedChecks: SKIPPABLE_CHECKS.filter((c) => v.includes(c)) })
            }
            error={errorAt('skippedChecks')}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
              {SKIPPABLE_CHECKS.map((c) => (
                <Checkbox
                  key={c}
                  value={c}
                  label={t(`accommodations.check.${c}`)}
                  description={t(`accommodations.checkHint.${c}`)}
                />
              ))}
            </SimpleGrid>
          </Checkbox.Group>

          <Textarea
            label={t('accommodations.field.note')}
            description={t('accommodations.field.noteHint')}
            autosize
            minRows={2}
            maxLength={1000}
            value={values.proctorNote}
            onChange={(e) => change({ proctorNote: e.currentTarget.value })}
            error={errorAt('proctorNote')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('accommodations.field.document')}
              description={t('accommodations.field.documentHint')}
              maxLength={200}
              value={values.documentRef}
              onChange={(e) => change({ documentRef: e.currentTarget.value })}
              error={errorAt('documentRef')}
            />
            <TextInput
              type="date"
              label={t('accommodations.field.validUntil')}
              description={t('accommodations.field.validUntilHint')}
              value={values.validUntil}
              onChange={(e) => change({ validUntil: e.currentTarget.value })}
              error={errorAt('validUntil')}
            />
          </SimpleGrid>
          <ReasonField
            value={values.reason}
            onChange={(reason) => change({ reason })}
            error={errorAt('reason')}
          />
          <FormFoot
            failure={failure}
            busy={busy}
            onClose={onClose}
            action={t('accommodations.form.save')}
          />
        </Stack>
      </form>
    </Modal>
  );
}
