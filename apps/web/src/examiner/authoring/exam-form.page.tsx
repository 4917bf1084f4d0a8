// The exam form's two addresses: /examiner/exams/new?kind=written|oral[&course=ID] and
// /examiner/exams/:examId/edit. Both load the courses the examiner may author in, the presets and
// (editing) the saved exam, then show the same form.
import { Anchor, Loader, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { ExamKind } from '@emtihan/protocol';
import { useSession } from '../../session/session';
import { Page } from '../../ui/page';
import { ErrorAlert } from '../../ui/status';
import { useLoad } from '../../ui/use-load';
import { defaultPreset, draftToValues, newExamValues } from './exam-form.model';
import { ExamForm } from './exam-form';

function BackLink() {
  const { t } = useTranslation();
  return (
    <Text c="dimmed">
      {t('authoring.intro')}{' '}
      <Anchor component={Link} to="/examiner">
        {t('authoring.back')}
      </Anchor>
    </Text>
  );
}

export function NewExamPage() {
  const { t } = useTranslation();
  const { api } = useSession();
  const [search] = useSearchParams();
  const kind = ExamKind.catch('written').parse(search.get('kind'));
  const courseParam = search.get('course');
  const [nowMs] = useState(() => Date.now());
  const load = useCallback(
    (signal: AbortSignal) =>
      Promise.all([api.call('authoringCourses', { signal }), api.call('listPresets', { signal })]),
    [api],
  );
  const data = useLoad(load);
  const initial = useMemo(() => {
    if (data.state !== 'ready') return null;
    const [{ courses, timeZone }, { presets }] = data.data;
    const courseId =
      courses.find((c) => c.id === courseParam)?.id ?? (courses.length === 1 ? courses[0]!.id : '');
    return newExamValues({
      kind,
      courseId,
      preset: defaultPreset(presets),
      zone: timeZone,
      nowMs,
    });
  }, [data.state, data.data, kind, courseParam, nowMs]);

  return (
    <Page title={t(`authoring.new.${kind}`)} intro={<BackLink />}>
      {data.state === 'loading' ? <Loader aria-label={t('common.loading')} /> : null}
      {data.state === 'failed' ? <ErrorAlert error={data.error} /> : null}
      {data.state === 'ready' && initial ? (
        data.data[0].courses.length === 0 ? (
          <Text>{t('authoring.noCourses')}</Text>
        ) : (
          <ExamForm
            key={kind}
            courses={data.data[0].courses}
            presets={data.data[1].presets}
            zone={data.data[0].timeZone}
            initial={initial}
            detail={null}
          />
        )
      ) : null}
    </Page>
  );
}

export function EditExamPage() {
  const { t } = useTranslation();
  const { api } = useSession();
  const { examId = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  // "Created" is said once: the history entry forgets it, so a reload does not say it again.
  const [created] = useState((): 'new' | 'copy' | null => {
    const said = (location.state as { created?: unknown } | null)?.created;
    return said === 'new' || said === 'copy' ? said : null;
  });
  useEffect(() => {
    if (created) void navigate('.', { replace: true, state: null });
  }, [created, navigate]);
  const load = useCallback(
    (signal: AbortSignal) =>
      Promise.all([
        api.call('getExam', { params: { examId }, signal }),
        api.call('authoringCourses', { signal }),
        api.call('listPresets', { signal }),
      ]),
    [api, examId],
  );
  const data = useLoad(load);
  const ready = data.state === 'ready' ? data.data : null;
  const initial = useMemo(
    () => (ready ? draftToValues(ready[0].draft, ready[1].timeZone) : null),
    [ready],
  );
  const title = ready
    ? t('authoring.edit', { title: ready[0].draft.title })
    : t('authoring.editShort');
  return (
    <Page title={title} intro={<BackLink />}>
      {data.state === 'loading' ? <Loader aria-label={t('common.loading')} /> : null}
      {data.state === 'failed' ? <ErrorAlert error={data.error} /> : null}
      {ready && initial ? (
        <ExamForm
          key={ready[0].exam.id}
          courses={ready[1].courses}
          presets={ready[2].presets}
          zone={ready[1].timeZone}
          initial={initial}
          detail={ready[0]}
          created={created}
        />
      ) : null}
    </Page>
  );
}
