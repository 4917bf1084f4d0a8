// The examiner's view of one exam's accommodations (ADR 0018): the course's students with a
// profile or an arrangement for this exam, what that does to their work time and window (never
// the document or the medical reason); the examiner may give one student a window of their own
// and/or extra minutes for this exam, with a reason, and take it back.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ExamAccommodationRow, ExamAccommodationsResponse, ExamView } from '@emtihan/protocol';
import { ApiError } from '../api/client';
import type { FieldProblem as FormProblem } from '../examiner/authoring/exam-form.model';
import { FormStateProvider } from '../examiner/authoring/form-context';
import { ExamWindowFields } from '../examiner/authoring/time.section';
import type { Language } from '../i18n/languages';
import { useSession } from '../session/session';
import { errorMessage } from '../ui/errors';
import { formatDateTimeIn, formatTimeIn } from '../ui/format';
import { Page } from '../ui/page';
import { ErrorAlert, StatusMessage } from '../ui/status';
import { useLoad } from '../ui/use-load';
import { formatWorkTime } from '../ui/work-time';
import { isoToZoned, useUniversityTimeZone, zonedToIso } from '../ui/zoned-time';
import {
  checkOverride,
  MAX_EXTRA_MINUTES,
  overrideToBody,
  problemAt,
  serverProblem,
  type FieldProblem,
  type OverrideFormValues,
} from './accommodation.model';
import { describeEffect } from './effect';
import { FormFoot, useFocusFirstProblem, ReasonField, RemovalModal } from './change-reason';

/** A window on the university's clock, its day written once when it opens and closes on it. */
export function windowText(
  opensAt: string,
  closesAt: string,
  language: Language,
  zone: string,
): string {
  const sameDay = isoToZoned(opensAt, zone).date === isoToZoned(closesAt, zone).date;
  const end = sameDay
    ? formatTimeIn(closesAt, language, zone)
    : formatDateTimeIn(closesAt, language, zone);
  return `${formatDateTimeIn(opensAt, language, zone)} – ${end}`;
}

interface Loaded {
  exam: ExamView | null;
  data: ExamAccommodationsResponse;
}

export function ExamAccommodationsPage() {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const zone = useUniversityTimeZone();
  const examId = useParams().examId ?? '';
  const load = useCallback(
    async (signal: AbortSignal): Promise<Loaded> => {
      const [data, exams] = await Promise.all([
        api.call('examAccommodations', { params: { examId }, signal }),
        api.call('listExams', { signal }),
      ]);
      return { data, exam: exams.exams.find((e) => e.id === examId) ?? null };
    },
    [api, examId],
  );
  const loaded = useLoad(load);
  const [data, setData] = useState<ExamAccommodationsResponse | null>(null);
  const [editing, setEditing] = useState<{ row: ExamAccommodationRow | null } | null>(null);
  const [removing, setRemoving] = useState<ExamAccommodationRow | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const exam = loaded.data?.exam ?? null;
  // A change answers with the new list; until then, the loaded one.
  const current = data ?? loaded.data?.data ?? null;
  const title = exam
    ? t('accommodations.exam.title', { title: exam.title })
    : t('accommodations.exam.titleNoExam');

  const done = (next: ExamAccommodationsResponse, message: string) => {
    setData(next);
    setEditing(null);
    setRemoving(null);
    setStatus(message);
  };

  return (
    <Page title={title} intro={<Text c="dimmed">{t('accommodations.exam.intro')}</Text>}>
      <Group>
        <Anchor component={Link} to="/examiner">
          {t('accommodations.exam.back')}
        </Anchor>
      </Group>
      <StatusMessage message={status} />
      {loaded.state === 'loading' ? <Loader aria-label={t('common.loading')} /> : null}
      {loaded.state === 'failed' ? <ErrorAlert error={loaded.error} /> : null}
      {current && exam ? (
        <Paper withBorder p="md">
          <Stack gap={4}>
            <Text>
              {t('accommodations.exam.examTime', {
                workTime: formatWorkTime(t, language, {
                  durationMinutes: current.examDurationMinutes,
                }),
                window: windowText(exam.opensAt, exam.closesAt, language, zone),
              })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('accommodations.exam.zone', { zone })}
            </Text>
          </Stack>
        </Paper>
      ) : null}
      {current ? (
        <Stack gap="md">
          <Group>
            <Button
              onClick={() => {
                setStatus(null);
                setEditing({ row: null });
              }}
            >
              {t('accommodations.exam.add')}
            </Button>
          </Group>
          {current.rows.length === 0 ? (
            <Alert variant="light">{t('accommodations.exam.empty')}</Alert>
          ) : (
            <RowsTable
              data={current}
              examClosesAt={exam?.closesAt ?? null}
              onEdit={(row) => {
                setStatus(null);
                setEditing({ row });
              }}
              onRemove={(row) => {
                setStatus(null);
                setRemoving(row);
              }}
            />
          )}
        </Stack>
      ) : null}
      {editing && current && exam ? (
        <OverrideModal
          examId={examId}
          exam={exam}
          data={current}
          row={editing.row}
          onClose={() => setEditing(null)}
          onSaved={(next, name) => done(next, t('accommodations.exam.status.saved', { name }))}
        />
      ) : null}
      {removing ? (
        <RemovalModal
          title={t('accommodations.exam.removeTitle', { name: removing.studentName })}
          text={t('accommodations.exam.removeText')}
          action={t('accommodations.exam.removeConfirm')}
          onClose={() => setRemoving(null)}
          remove={async (reason) => {
            const next = await api.call('removeExamOverride', {
              params: { examId, studentId: removing.studentId },
              body: { reason },
            });
            done(next, t('accommodations.exam.status.removed', { name: removing.studentName }));
          }}
        />
      ) : null}
    </Page>
  );
}

function RowsTable({
  data,
  examClosesAt,
  onEdit,
  onRemove,
}: {
  data: ExamAccommodationsResponse;
  /** The exam's own close, to say why a student's window closes later. */
  examClosesAt: string | null;
  onEdit(row: ExamAccommodationRow): void;
  onRemove(row: ExamAccommodationRow): void;
}) {
  const { t } = useTranslation();
  const { language } = useSession();
  const zone = useUniversityTimeZone();
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table withTableBorder striped verticalSpacing="sm">
        <Table.Caption>{t('accommodations.exam.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('accommodations.table.student')}</Table.Th>
            <Table.Th>{t('accommodations.exam.col.profile')}</Table.Th>
            <Table.Th>{t('accommodations.exam.col.override')}</Table.Th>
            <Table.Th>{t('accommodations.exam.col.workTime')}</Table.Th>
            <Table.Th>{t('accommodations.exam.col.window')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.rows.map((row) => {
            const o = row.override;
            return (
              <Table.Tr key={row.studentId}>
                <Table.Td>
                  <Text fw={500}>{row.studentName}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {row.effect
                      ? describeEffect(t, language, row.effect)
                      : t('accommodations.exam.noProfile')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {o ? (
                    <Stack gap={2}>
                      {o.opensAt && o.closesAt ? (
                        <Text size="sm">{t('accommodations.exam.ownWindow')}</Text>
                      ) : null}
                      {o.extraMinutes > 0 ? (
                        <Text size="sm">
                          {t('accommodations.effect.extra', { minutes: o.extraMinutes })}
                        </Text>
                      ) : null}
                      <Text size="xs" c="dimmed">
                        {t('accommodations.exam.reasonWas', { reason: o.reason })}
                      </Text>
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {formatWorkTime(t, language, {
                      durationMinutes: data.examDurationMinutes,
                      timeFactor: row.effect?.timeFactor ?? 1,
                      extraMinutes: (row.effect?.extraMinutes ?? 0) + (o?.extraMinutes ?? 0),
                    })}
                  </Text>
                  {row.effect && row.effect.breakMinutes > 0 ? (
                    <Text size="xs" c="dimmed">
                      {t('accommodations.exam.plusBreaks', { minutes: row.effect.breakMinutes })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{windowText(row.opensAt, row.closesAt, language, zone)}</Text>
                  {o?.opensAt ? (
                    <Badge variant="light" color="grape" mt={4}>
                      {t('accommodations.exam.ownWindowBadge')}
                    </Badge>
                  ) : examClosesAt && Date.parse(row.closesAt) > Date.parse(examClosesAt) ? (
                    <Text size="xs" c="dimmed">
                      {t('accommodations.exam.closesLater')}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="light"
                      aria-label={t('accommodations.exam.editFor', { name: row.studentName })}
                      onClick={() => onEdit(row)}
                    >
                      {t(o ? 'accommodations.exam.edit' : 'accommodations.exam.addShort')}
                    </Button>
                    {o ? (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={t('accommodations.exam.removeFor', {
                          name: row.studentName,
                        })}
                        onClick={() => onRemove(row)}
                      >
                        {t('accommodations.exam.remove')}
                      </Button>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const num = (v: number | string) =>
  typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v);

function initialOverride(
  row: ExamAccommodationRow | null,
  exam: ExamView,
  zone: string,
): OverrideFormValues {
  const o = row?.override ?? null;
  const own = Boolean(o?.opensAt && o.closesAt);
  return {
    studentId: row?.studentId ?? null,
    ownWindow: own,
    opens: isoToZoned(own && o?.opensAt ? o.opensAt : exam.opensAt, zone),
    closes: isoToZoned(own && o?.closesAt ? o.closesAt : exam.closesAt, zone),
    extraMinutes: o?.extraMinutes ?? 0,
    reason: '',
  };
}

function OverrideModal({
  examId,
  exam,
  data,
  row,
  onClose,
  onSaved,
}: {
  examId: string;
  exam: ExamView;
  data: ExamAccommodationsResponse;
  row: ExamAccommodationRow | null;
  onClose(): void;
  onSaved(next: ExamAccommodationsResponse, name: string): void;
}) {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const zone = useUniversityTimeZone();
  const [values, setValues] = useState<OverrideFormValues>(() => initialOverride(row, exam, zone));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const change = (patch: Partial<OverrideFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const window = {
    opensAt: zonedToIso(values.opens.date, values.opens.time, zone),
    closesAt: zonedToIso(values.closes.date, values.closes.time, zone),
  };
  const errorAt = (field: string) => {
    const p = problemAt(problems, field);
    return p ? t(`accommodations.problem.${p.key}`, p.values ?? {}) : undefined;
  };
  // The window's fields are the exam form's: they read their problems from its context.
  const windowProblems: FormProblem[] = problems
    .filter((p) => p.field === 'opensAt' || p.field === 'closesAt')
    .map((p) => ({ path: p.field, key: `accommodations.problem.${p.key}`, values: p.values }));

  const student = data.students.find((s) => s.id === values.studentId);
  const chosenRow = data.rows.find((r) => r.studentId === values.studentId) ?? null;
  const name = student?.fullName ?? row?.studentName ?? '';

  const formRef = useFocusFirstProblem(problems);

  const show = (found: FieldProblem[]) => {
    setProblems(found);
    setFailure(t('accommodations.form.invalid', { n: found.length }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found = checkOverride(values, window, exam);
    if (found.length > 0) return show(found);
    setProblems([]);
    setBusy(true);
    try {
      const next = await api.call('setExamOverride', {
        params: { examId, studentId: values.studentId ?? '' },
        body: overrideToBody(values, window),
      });
      onSaved(next, name);
    } catch (e) {
      if (e instanceof ApiError && e.issues.length > 0) show(e.issues.map(serverProblem));
      else setFailure(errorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  const extra = Number.isInteger(values.extraMinutes) ? values.extraMinutes : 0;
  return (
    <Modal
      opened
      onClose={onClose}
      title={
        row ? t('accommodations.exam.formTitleFor', { name }) : t('accommodations.exam.formTitle')
      }
      size="xl"
    >
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('accommodations.exam.formIntro')}</Text>
          {row ? null : (
            <Select
              label={t('accommodations.field.student')}
              placeholder={t('accommodations.field.studentPlaceholder')}
              searchable
              required
              nothingFoundMessage={t('accommodations.field.studentNone')}
              data={data.students.map((s) => ({
                value: s.id,
                label: `${s.fullName} (${s.login})`,
              }))}
              value={values.studentId}
              onChange={(id) => change({ studentId: id })}
              error={errorAt('studentId')}
            />
          )}
          <Checkbox
            label={t('accommodations.exam.ownWindowField')}
            description={t('accommodations.exam.ownWindowHint')}
            checked={values.ownWindow}
            onChange={(e) => change({ ownWindow: e.currentTarget.checked })}
          />
          {values.ownWindow ? (
            <FormStateProvider value={{ problems: windowProblems, editable: 'all', busy }}>
              <ExamWindowFields
                zone={zone}
                opens={values.opens}
                closes={values.closes}
                onOpens={(opens) => change({ opens })}
                onCloses={(closes) => change({ closes })}
              />
            </FormStateProvider>
          ) : null}
          <NumberInput
            label={t('accommodations.exam.extraField')}
            description={t('accommodations.exam.extraHint')}
            suffix={` ${t('accommodations.minutesShort')}`}
            allowDecimal={false}
            min={0}
            max={MAX_EXTRA_MINUTES}
            clampBehavior="none"
            value={Number.isNaN(values.extraMinutes) ? '' : values.extraMinutes}
            onChange={(v) => change({ extraMinutes: num(v) })}
            error={errorAt('extraMinutes')}
            w={{ base: '100%', sm: 320 }}
          />
          {values.studentId ? (
            <Text size="sm" aria-live="polite">
              {t('accommodations.exam.preview', {
                workTime: formatWorkTime(t, language, {
                  durationMinutes: data.examDurationMinutes,
                  timeFactor: chosenRow?.effect?.timeFactor ?? 1,
                  extraMinutes: (chosenRow?.effect?.extraMinutes ?? 0) + extra,
                }),
              })}
            </Text>
          ) : null}
          <ReasonField
            value={values.reason}
            onChange={(reason) => change({ reason })}
            error={errorAt('reason')}
          />
          <FormFoot
            failure={failure}
            busy={busy}
            onClose={onClose}
            action={t('accommodations.exam.save')}
          />
        </Stack>
      </form>
    </Modal>
  );
}
