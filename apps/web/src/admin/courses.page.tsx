import {
  Anchor,
  Button,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  CreateCourseBody,
  UpdateCourseBody,
  type CourseView,
  type ErrorIssue,
} from '@emtihan/protocol';
import { useSession } from '../session/session';
import { fieldMessages, issuesOf, zodIssues } from '../ui/errors';
import { Page } from '../ui/page';
import { ErrorAlert, StatusMessage } from '../ui/status';
import { useLoad } from '../ui/use-load';

function CourseForm({
  course,
  onClose,
  onDone,
}: {
  course: CourseView | null;
  onClose: () => void;
  onDone: (course: CourseView, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [code, setCode] = useState(course?.code ?? '');
  const [title, setTitle] = useState(course?.title ?? '');
  const [issues, setIssues] = useState<ErrorIssue[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldErrors = fieldMessages(t, issues);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    let request: Promise<CourseView>;
    if (course) {
      const patch: Record<string, string> = {};
      if (code.trim() !== course.code) patch.code = code;
      if (title.trim() !== course.title) patch.title = title;
      if (Object.keys(patch).length === 0) {
        onClose();
        return;
      }
      const checked = UpdateCourseBody.safeParse(patch);
      if (!checked.success) return setIssues(zodIssues(checked.error));
      request = api.call('updateCourse', { params: { courseId: course.id }, body: checked.data });
    } else {
      const checked = CreateCourseBody.safeParse({ code, title });
      if (!checked.success) return setIssues(zodIssues(checked.error));
      request = api.call('createCourse', { body: checked.data });
    }
    setIssues([]);
    setBusy(true);
    try {
      onDone(await request, course === null);
    } catch (caught) {
      setIssues(issuesOf(caught));
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('courses.field.code')}
          description={t('validation.code')}
          withAsterisk
          autoComplete="off"
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={fieldErrors.code}
          data-autofocus
        />
        <TextInput
          label={t('courses.field.title')}
          withAsterisk
          autoComplete="off"
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={fieldErrors.title}
        />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {course ? t('common.save') : t('courses.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Editing = { course: CourseView | null } | null;

export function CoursesPage() {
  const { t } = useTranslation();
  const { api } = useSession();
  const load = useCallback(
    (signal: AbortSignal) => api.call('listCourses', { signal }).then((r) => r.courses),
    [api],
  );
  const courses = useLoad(load);
  const [editing, setEditing] = useState<Editing>(null);
  const [status, setStatus] = useState<string | null>(null);

  return (
    <Page title={t('courses.title')} intro={<Text c="dimmed">{t('courses.intro')}</Text>}>
      <StatusMessage message={status} />
      <Group justify="flex-end">
        <Button
          onClick={() => {
            setStatus(null);
            setEditing({ course: null });
          }}
        >
          {t('courses.create.open')}
        </Button>
      </Group>
      {courses.state === 'loading' ? <Loader aria-label={t('common.loading')} /> : null}
      {courses.state === 'failed' ? <ErrorAlert error={courses.error} /> : null}
      {courses.data ? (
        courses.data.length === 0 ? (
          <Text>{t('courses.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('courses.field.code')}</Table.Th>
                  <Table.Th>{t('courses.field.title')}</Table.Th>
                  <Table.Th>{t('courses.students')}</Table.Th>
                  <Table.Th>{t('courses.staff')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {courses.data.map((course) => (
                  <Table.Tr key={course.id}>
                    <Table.Td>
                      <Text ff="monospace" size="sm">
                        {course.code}
                      </Text>
                    </Table.Td>
                    <Table.Td>{course.title}</Table.Td>
                    <Table.Td>{course.studentCount}</Table.Td>
                    <Table.Td>{course.staffCount}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Anchor
                          component={Link}
                          to={`/admin/courses/${encodeURIComponent(course.id)}`}
                          size="sm"
                          aria-label={t('courses.enrolmentsFor', { title: course.title })}
                        >
                          {t('courses.enrolments')}
                        </Anchor>
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={t('courses.edit.openFor', { title: course.title })}
                          onClick={() => {
                            setStatus(null);
                            setEditing({ course });
                          }}
                        >
                          {t('courses.edit.open')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      ) : null}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing?.course
            ? t('courses.edit.title', { title: editing.course.title })
            : t('courses.create.title')
        }
      >
        {editing ? (
          <CourseForm
            key={editing.course?.id ?? 'new'}
            course={editing.course}
            onClose={() => setEditing(null)}
            onDone={(course, created) => {
              setEditing(null);
              setStatus(
                created
                  ? t('courses.status.created', { title: course.title })
                  : t('courses.status.updated', { title: course.title }),
              );
              courses.reload();
            }}
          />
        ) : null}
      </Modal>
    </Page>
  );
}
