// The examiner's exam form: one tab per section, a bar with the exam's state, Save and Publish,
// and "What is missing" before it can be published. Every problem is said next to its field in
// the user's language (checked in the browser with the protocol's schema before sending, and
// from the server's refusal otherwise); nothing is saved while one remains.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  Stack,
  Tabs,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { AuthoringCourse, ExamDetail, ExamDraftInput, PresetView } from '@emtihan/protocol';
import { ApiError } from '../../api/client';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { AnswerSection } from './answer.section';
import { BasicsSection } from './basics.section';
import {
  applyPreset,
  checkDraft,
  draftToValues,
  fieldId,
  FORM_TABS,
  isProblemCode,
  problemsByTab,
  serverProblem,
  tabOf,
  valuesToDraft,
  type ExamFormValues,
  type FieldProblem,
  type FormTab,
} from './exam-form.model';
import { FormStateProvider } from './form-context';
import { ProctoringSection } from './proctoring.section';
import { ProctorsSection } from './proctors.section';
import { RulesSection } from './rules.section';
import type { CommonValues } from './section';
import { DurationFields, ExamWindowFields } from './time.section';
import { ViolationsSection } from './violations.section';

type Course = AuthoringCourse;

type Status =
  | {
      key:
        | 'authoring.status.created'
        | 'authoring.status.copied'
        | 'authoring.status.saved'
        | 'authoring.status.published';
    }
  | { key: 'authoring.status.presetApplied'; name: string };

/** Moves to the field's tab and puts the focus in it (the nearest enclosing field that exists). */
function useFocusField(setTab: (tab: FormTab) => void) {
  return (path: string) => {
    setTab(tabOf(path));
    // After the tab's panel is shown.
    window.setTimeout(() => {
      const parts = path.split('.');
      while (parts.length > 0) {
        const el = document.getElementById(fieldId(parts.join('.')));
        if (el) {
          const target = el.matches('input, textarea, [contenteditable], button')
            ? el
            : (el.querySelector<HTMLElement>('input, textarea, [contenteditable], button') ?? el);
          target.focus();
          target.scrollIntoView({ block: 'center' });
          return;
        }
        parts.pop();
      }
    }, 50);
  };
}

export function ExamForm({
  courses,
  presets,
  zone,
  initial,
  detail: initialDetail,
  created = null,
  lms,
}: {
  courses: readonly Course[];
  presets: readonly PresetView[];
  zone: string;
  initial: ExamFormValues;
  /** The saved exam; null for a new one. */
  detail: ExamDetail | null;
  /** The exam was just created (or copied from another): say so at once. */
  created?: 'new' | 'copy' | null;
  /**
   * The LMS's deep-linking page (ADR 0017): no draft is kept; the checked draft and the grade
   * column's maximum are handed to `onCreate`, which creates, publishes and goes back to the LMS.
   */
  lms?: { onCreate(draft: ExamDraftInput, maxScore: number): Promise<void> };
}) {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const navigate = useNavigate();
  const [values, setValues] = useState(initial);
  const [detail, setDetail] = useState(initialDetail);
  // What is on the server (for a new exam: the form as it was first shown).
  const [savedValues, setSavedValues] = useState(initial);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [tab, setTab] = useState<FormTab>('basics');
  // Kept as a key, so that it follows a change of language.
  const [status, setStatus] = useState<Status | null>(
    created
      ? { key: created === 'copy' ? 'authoring.status.copied' : 'authoring.status.created' }
      : null,
  );
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [maxScore, setMaxScore] = useState<number | string>(100);
  const focusField = useFocusField(setTab);
  // Side tabs on a laptop; on a phone or a narrow window, tabs above the section.
  const narrow = useMediaQuery('(max-width: 62em)') ?? false;

  const editable = detail?.editable ?? 'all';
  const course = courses.find((c) => c.id === values.courseId) ?? null;
  const dirty = JSON.stringify(values) !== JSON.stringify(savedValues);
  const written = values.kind === 'written';
  const tabs = FORM_TABS.filter((tb) => tb !== 'answer' || written);
  const counts = problemsByTab(problems);

  // Leaving with unsaved changes asks first (the browser's own dialog); the LMS page leaves on
  // purpose once the exam is made.
  useEffect(() => {
    if (!dirty || lms) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, lms]);

  const check = (v: ExamFormValues) =>
    checkDraft(
      valuesToDraft(v, zone),
      detail ? { draft: detail.draft, editable } : null,
      courses.find((c) => c.id === v.courseId)?.proctors.map((p) => p.id) ?? null,
    );

  const change = (patch: Partial<ExamFormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setStatus(null);
    // Once problems are shown, they follow the fields as they are corrected.
    if (problems.length > 0) {
      const found = check({ ...values, ...patch });
      setProblems(found);
      setFailure(found.length > 0 ? t('authoring.status.invalid', { n: found.length }) : null);
    }
  };
  const changeCommon = (patch: Partial<CommonValues>) => change(patch);

  const showProblems = (found: FieldProblem[]) => {
    setProblems(found);
    setFailure(t('authoring.status.invalid', { n: found.length }));
    const first = found[0];
    if (first) focusField(first.path);
  };

  /** Saves the form; the saved exam, or null when something is wrong (shown at its field). */
  const save = async (): Promise<ExamDetail | null> => {
    setStatus(null);
    setFailure(null);
    const draft = valuesToDraft(values, zone);
    const found = check(values);
    if (found.length > 0) {
      showProblems(found);
      return null;
    }
    try {
      if (lms) {
        if (!(typeof maxScore === 'number' && maxScore >= 1 && maxScore <= 1000)) {
          setFailure(t('authoring.grading.maxRange'));
          return null;
        }
        await lms.onCreate(draft, maxScore);
        return null;
      }
      const saved = detail
        ? await api.call('updateExam', { params: { examId: detail.exam.id }, body: draft })
        : await api.call('createExam', { body: draft });
      setProblems([]);
      if (!detail) {
        // The editor's address from now on; the page loads the saved exam there.
        void navigate(`/examiner/exams/${saved.exam.id}/edit`, {
          replace: true,
          state: { created: 'new' },
        });
        return saved;
      }
      const next = draftToValues(saved.draft, zone);
      setDetail(saved);
      setValues(next);
      setSavedValues(next);
      return saved;
    } catch (e) {
      if (e instanceof ApiError && e.issues.length > 0) {
        showProblems(e.issues.map((issue) => serverProblem(issue)));
      } else {
        setFailure(refusalText(e));
      }
      return null;
    }
  };

  const refusalText = (e: unknown) =>
    e instanceof ApiError && e.reason && isProblemCode(e.reason)
      ? t(`authoring.problem.${e.reason}`)
      : errorMessage(t, e);

  const onSave = async () => {
    setBusy('save');
    try {
      const saved = await save();
      if (saved && detail) setStatus({ key: 'authoring.status.saved' });
    } finally {
      setBusy(null);
    }
  };

  const onPublish = async () => {
    if (!detail) return;
    setBusy('publish');
    try {
      const saved = dirty ? await save() : detail;
      if (!saved) return;
      if (saved.publishProblems.length > 0) {
        setDetail(saved);
        setFailure(t('authoring.status.cannotPublish'));
        return;
      }
      const published = await api.call('publishExam', { params: { examId: saved.exam.id } });
      setDetail(published);
      const next = draftToValues(published.draft, zone);
      setValues(next);
      setSavedValues(next);
      setStatus({ key: 'authoring.status.published' });
    } catch (e) {
      if (e instanceof ApiError && e.issues.length > 0) {
        showProblems(e.issues.map((issue) => serverProblem(issue)));
      } else {
        setFailure(refusalText(e));
      }
    } finally {
      setBusy(null);
    }
  };

  const isPublished = detail?.exam.status === 'published';
  const missing = detail && !isPublished ? detail.publishProblems : [];

  return (
    <FormStateProvider value={{ problems, editable, busy: busy !== null }}>
      <Stack gap="md">
        <Paper
          withBorder
          p="sm"
          shadow="xs"
          pos="sticky"
          top="calc(var(--app-shell-header-height, 0px) + 4px)"
          style={{ zIndex: 5 }}
          component="section"
          aria-label={t('authoring.bar.label')}
        >
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Group gap="xs">
              {lms ? null : (
                <Badge
                  size="lg"
                  variant={isPublished ? 'filled' : 'light'}
                  color={isPublished ? 'green' : 'gray'}
                >
                  {t(isPublished ? 'authoring.state.published' : 'authoring.state.draft')}
                </Badge>
              )}
              <Badge size="lg" variant="light" color={written ? 'indigo' : 'grape'}>
                {t(`exams.kind.${values.kind}`)}
              </Badge>
              <Text size="sm" c="dimmed">
                {lms
                  ? t('authoring.lms.willPublish')
                  : detail
                    ? isPublished && detail.publishedAt
                      ? t('authoring.bar.publishedAt', {
                          time: formatDateTime(detail.publishedAt, language),
                        })
                      : dirty
                        ? t('authoring.bar.unsaved')
                        : t('authoring.bar.savedVersion', { version: detail.version })
                    : written
                      ? t('authoring.bar.notSaved')
                      : t('authoring.bar.notSavedOral')}
              </Text>
            </Group>
            {lms ? (
              <Group gap="xs" align="flex-end">
                <NumberInput
                  label={t('authoring.lms.maxScore')}
                  min={1}
                  max={1000}
                  w={150}
                  size="xs"
                  value={maxScore}
                  onChange={setMaxScore}
                  disabled={busy !== null}
                />
                <Button
                  onClick={() => void onSave()}
                  loading={busy === 'save'}
                  disabled={busy !== null}
                >
                  {t('authoring.lms.create')}
                </Button>
              </Group>
            ) : (
              <Group gap="xs">
                {detail && !written ? (
                  <Button variant="subtle" component={Link} to={`/examiner/oral/${detail.exam.id}`}>
                    {t('authoring.bar.slots')}
                  </Button>
                ) : null}
                <Button
                  variant={isPublished ? 'filled' : 'default'}
                  onClick={() => void onSave()}
                  loading={busy === 'save'}
                  disabled={busy !== null}
                >
                  {t(detail ? 'authoring.bar.save' : 'authoring.bar.create')}
                </Button>
                {detail && !isPublished ? (
                  <Button
                    onClick={() => void onPublish()}
                    loading={busy === 'publish'}
                    disabled={busy !== null || (!dirty && detail.publishProblems.length > 0)}
                  >
                    {t('authoring.bar.publish')}
                  </Button>
                ) : null}
              </Group>
            )}
          </Group>
          <div role="status">
            {status ? (
              <Text size="sm" c="green.8" mt={6}>
                {status.key === 'authoring.status.presetApplied'
                  ? t(status.key, { name: status.name })
                  : t(status.key)}
              </Text>
            ) : null}
          </div>
          {failure ? (
            <Alert color="red" variant="light" role="alert" mt={6} p="xs">
              {failure}
            </Alert>
          ) : null}
        </Paper>

        {editable === 'safe' && detail ? (
          <Alert color="yellow" variant="light" title={t('authoring.safe.title')}>
            {t('authoring.safe.text', { begun: detail.sittings.begun })}
          </Alert>
        ) : null}

        {missing.length > 0 ? (
          <Alert
            color="orange"
            variant="light"
            title={t('authoring.missing.title')}
            component="section"
          >
            <Text size="sm" mb={4}>
              {t('authoring.missing.intro')}
            </Text>
            <List size="sm" spacing={2}>
              {missing.map((p) => (
                <List.Item key={`${p.field}-${p.code}`}>
                  {p.code === 'slots-required' && detail ? (
                    <Anchor component={Link} to={`/examiner/oral/${detail.exam.id}`}>
                      {t(`authoring.problem.${p.code}`)}
                    </Anchor>
                  ) : (
                    <UnstyledButton
                      onClick={() => focusField(p.field)}
                      c="blue.8"
                      td="underline"
                      fz="sm"
                    >
                      {t(`authoring.problem.${p.code}`)} — {t(`authoring.tabs.${tabOf(p.field)}`)}
                    </UnstyledButton>
                  )}
                </List.Item>
              ))}
            </List>
          </Alert>
        ) : null}

        <Tabs
          value={tab}
          onChange={(v) => v && setTab(v as FormTab)}
          orientation={narrow ? 'horizontal' : 'vertical'}
          variant="pills"
          keepMounted
        >
          <Tabs.List
            miw={narrow ? undefined : 190}
            mr={narrow ? 0 : 'md'}
            mb={narrow ? 'md' : 0}
            aria-label={t('authoring.tabs.label')}
          >
            {tabs.map((tb) => (
              <Tabs.Tab
                key={tb}
                value={tb}
                rightSection={
                  counts[tb] ? (
                    <Badge
                      size="sm"
                      color="red"
                      circle
                      aria-label={t('authoring.tabs.problems', { n: counts[tb] })}
                    >
                      {counts[tb]}
                    </Badge>
                  ) : null
                }
              >
                {t(`authoring.tabs.${tb}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>

          <Tabs.Panel value="basics">
            <BasicsSection
              values={values}
              onChange={change}
              courses={courses}
              presets={presets}
              onPreset={(p) => {
                setValues((v) => applyPreset(v, p));
                setStatus({ key: 'authoring.status.presetApplied', name: p.name });
              }}
              examId={detail?.exam.id ?? null}
              afterSaveNote={!lms}
              textsKey={detail?.exam.id ?? 'new'}
            />
          </Tabs.Panel>
          <Tabs.Panel value="time">
            <Stack gap="lg">
              <ExamWindowFields
                zone={zone}
                opens={values.opens}
                closes={values.closes}
                onOpens={(opens) => change({ opens })}
                onCloses={(closes) => change({ closes })}
              />
              <DurationFields values={values} onChange={changeCommon} kind={values.kind} />
            </Stack>
          </Tabs.Panel>
          {written ? (
            <Tabs.Panel value="answer">
              <AnswerSection values={values} onChange={changeCommon} />
            </Tabs.Panel>
          ) : null}
          <Tabs.Panel value="proctoring">
            <ProctoringSection values={values} onChange={changeCommon} />
          </Tabs.Panel>
          <Tabs.Panel value="rules">
            <RulesSection values={values} onChange={changeCommon} />
          </Tabs.Panel>
          <Tabs.Panel value="violations">
            <ViolationsSection values={values} onChange={changeCommon} />
          </Tabs.Panel>
          <Tabs.Panel value="proctors">
            <ProctorsSection
              proctoring={values.proctoring}
              candidates={course?.proctors ?? []}
              live={values.settings.liveProctoring}
              onChange={(proctoring) => change({ proctoring })}
            />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </FormStateProvider>
  );
}
