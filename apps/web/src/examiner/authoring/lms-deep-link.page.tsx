// The LMS's deep-linking page (ADR 0017, /lms/deep-link/:pickId): an instructor adding an
// activity in Moodle picks an exam of the course or creates one with the examiner's form. The
// pick token in the path is the only credential (the page runs in the LMS's frame, where our
// cookie is not sent); the server answers with our one-time page that posts back to the LMS.
import {
  Alert,
  Badge,
  Button,
  Loader,
  SegmentedControl,
  Stack,
  Table,
  Tabs,
  Text,
} from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ExamDraftInput, ExamKind, ExamView, LtiDeepLinkView } from '@emtihan/protocol';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { formatRange } from '../../ui/format';
import { Page } from '../../ui/page';
import { ErrorAlert } from '../../ui/status';
import { useLoad } from '../../ui/use-load';
import { ExamForm } from './exam-form';
import { defaultPreset, newExamValues } from './exam-form.model';

export function LmsDeepLinkPage() {
  const { t } = useTranslation();
  const { api, language, changeLanguage } = useSession();
  const { pickId = '' } = useParams();
  const load = useCallback(
    (signal: AbortSignal) => api.call('ltiDeepLink', { params: { pickId }, signal }),
    [api, pickId],
  );
  const view = useLoad(load);
  // The LMS's language for this person, once (they may switch it after).
  const lmsLanguage = view.state === 'ready' ? view.data.language : null;
  useEffect(() => {
    if (lmsLanguage) changeLanguage(lmsLanguage);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the page is read
  }, [lmsLanguage]);

  const title = view.data
    ? t('authoring.lms.title', { course: view.data.course.title })
    : t('authoring.lms.titleShort');
  return (
    <Page title={title} intro={<Text c="dimmed">{t('authoring.lms.intro')}</Text>}>
      {view.state === 'loading' ? <Loader aria-label={t('common.loading')} /> : null}
      {view.state === 'failed' ? (
        <Alert color="red" variant="light" role="alert" title={t('authoring.lms.expired')}>
          {errorMessage(t, view.error)}
        </Alert>
      ) : null}
      {view.data ? <DeepLink view={view.data} pickId={pickId} language={language} /> : null}
    </Page>
  );
}

function DeepLink({
  view,
  pickId,
  language,
}: {
  view: LtiDeepLinkView;
  pickId: string;
  language: ReturnType<typeof useSession>['language'];
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [tab, setTab] = useState<string>(view.exams.length > 0 ? 'pick' : 'create');
  const [kind, setKind] = useState<ExamKind>('written');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [nowMs] = useState(() => Date.now());
  const initial = useMemo(
    () =>
      newExamValues({
        kind,
        courseId: view.course.id,
        preset: defaultPreset(view.presets),
        zone: view.timeZone,
        nowMs,
      }),
    [kind, view, nowMs],
  );

  /** Our return page posts the signed answer to the LMS. */
  const leave = (next: string) => window.location.assign(next);

  const pick = async (exam: ExamView) => {
    setBusy(exam.id);
    setError(null);
    try {
      leave(
        (await api.call('ltiDeepLinkPick', { params: { pickId }, body: { examId: exam.id } })).next,
      );
    } catch (e) {
      setError(e);
      setBusy(null);
    }
  };

  const create = async (draft: ExamDraftInput, maxScore: number) => {
    // Refusals (with their fields) are shown by the form.
    const r = await api.call('ltiDeepLinkCreate', {
      params: { pickId },
      body: { draft, maxScore },
    });
    leave(r.next);
  };

  return (
    <Tabs value={tab} onChange={(v) => v && setTab(v)} keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="pick">{t('authoring.lms.pickTab')}</Tabs.Tab>
        <Tabs.Tab value="create">{t('authoring.lms.createTab')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="pick">
        <Stack gap="md">
          <ErrorAlert error={error} />
          {view.exams.length === 0 ? (
            <Text>{t('authoring.lms.noExams')}</Text>
          ) : (
            <Table withTableBorder striped>
              <Table.Caption>{t('authoring.lms.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('examImport.table.title')}</Table.Th>
                  <Table.Th>{t('exams.window')}</Table.Th>
                  <Table.Th>{t('presets.col.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {view.exams.map((exam) => (
                  <Table.Tr key={exam.id}>
                    <Table.Td>
                      <Text fw={500}>{exam.title}</Text>
                      <Badge size="sm" variant="light" mr={4}>
                        {t(`exams.kind.${exam.kind}`)}
                      </Badge>
                      <Badge size="sm" variant="outline" color="gray">
                        {t(`authoring.state.${exam.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatRange(exam.opensAt, exam.closesAt, language)}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        onClick={() => void pick(exam)}
                        loading={busy === exam.id}
                        disabled={busy !== null}
                        aria-label={t('authoring.lms.pickFor', { title: exam.title })}
                      >
                        {t('authoring.lms.pick')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="create">
        <Stack gap="md">
          <SegmentedControl
            aria-label={t('authoring.lms.kind')}
            value={kind}
            onChange={(v) => setKind(v as ExamKind)}
            data={(['written', 'oral'] as const).map((k) => ({
              value: k,
              label: t(`exams.kind.${k}`),
            }))}
            w="fit-content"
          />
          <ExamForm
            key={kind}
            courses={[view.course]}
            presets={view.presets}
            zone={view.timeZone}
            initial={initial}
            detail={null}
            lms={{ onCreate: create }}
          />
        </Stack>
      </Tabs.Panel>
    </Tabs>
  );
}
