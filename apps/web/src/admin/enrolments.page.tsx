import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  ENROLMENT_ROLES,
  type CourseView,
  type EnrolmentRole,
  type EnrolmentView,
  type UserView,
} from '@emtihan/protocol';
import { useSession } from '../session/session';
import { Page } from '../ui/page';
import { ErrorAlert, StatusMessage } from '../ui/status';
import { useLoad } from '../ui/use-load';

interface Data {
  course: CourseView | null;
  enrolments: EnrolmentView[];
  users: UserView[];
}

function enrolmentRolesOf(user: UserView): EnrolmentRole[] {
  return ENROLMENT_ROLES.filter((role) => user.roles.includes(role));
}

function AddEnrolment({
  courseId,
  users,
  onAdded,
}: {
  courseId: string;
  users: UserView[];
  onAdded: (user: UserView, role: EnrolmentRole) => void;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [userId, setUserId] = useState<string | null>(null);
  const [role, setRole] = useState<EnrolmentRole | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const candidates = users.filter((u) => u.active && enrolmentRolesOf(u).length > 0);
  const chosen = candidates.find((u) => u.id === userId) ?? null;
  const roles = chosen ? enrolmentRolesOf(chosen) : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || !role) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('enrol', { params: { courseId }, body: { userId: chosen.id, role } });
      onAdded(chosen, role);
      setUserId(null);
      setRole(null);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="add-enrolment">
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <Title order={2} size="h4" id="add-enrolment">
            {t('enrolments.add.title')}
          </Title>
          <Group align="flex-end" gap="md">
            <Select
              label={t('enrolments.add.person')}
              placeholder={t('enrolments.add.personPlaceholder')}
              searchable
              nothingFoundMessage={t('enrolments.add.nobody')}
              data={candidates.map((u) => ({
                value: u.id,
                label: `${u.fullName} (${u.login}${u.group ? `, ${u.group}` : ''})`,
              }))}
              value={userId}
              onChange={(value) => {
                setUserId(value);
                const next = candidates.find((u) => u.id === value);
                const nextRoles = next ? enrolmentRolesOf(next) : [];
                setRole(nextRoles.length === 1 ? (nextRoles[0] ?? null) : null);
              }}
              w={{ base: '100%', sm: 420 }}
            />
            <Select
              label={t('enrolments.add.role')}
              data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              value={role}
              onChange={(value) => setRole(roles.find((r) => r === value) ?? null)}
              disabled={!chosen}
              allowDeselect={false}
              w={200}
            />
            <Button type="submit" disabled={!chosen || !role} loading={busy}>
              {t('enrolments.add.submit')}
            </Button>
          </Group>
          <ErrorAlert error={error} />
        </Stack>
      </form>
    </Card>
  );
}

export function EnrolmentsPage() {
  const { t } = useTranslation();
  const { api } = useSession();
  const courseId = useParams().courseId ?? '';
  const [status, setStatus] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<unknown>(null);

  const load = useCallback(
    async (signal: AbortSignal): Promise<Data> => {
      const [courses, enrolments, users] = await Promise.all([
        api.call('listCourses', { signal }),
        api.call('listEnrolments', { params: { courseId }, signal }),
        api.call('listUsers', { signal }),
      ]);
      return {
        course: courses.courses.find((c) => c.id === courseId) ?? null,
        enrolments: enrolments.enrolments,
        users: users.users,
      };
    },
    [api, courseId],
  );
  const data = useLoad(load);

  const remove = async (enrolment: EnrolmentView) => {
    setStatus(null);
    setRemoveError(null);
    try {
      await api.call('unenrol', {
        params: { courseId, userId: enrolment.userId, role: enrolment.role },
      });
      setStatus(
        t('enrolments.status.removed', {
          name: enrolment.fullName,
          role: t(`roles.${enrolment.role}`),
        }),
      );
      data.reload();
    } catch (caught) {
      setRemoveError(caught);
    }
  };

  const courseTitle = data.data?.course?.title ?? '';
  return (
    <Page
      title={t('enrolments.title', { title: courseTitle })}
      intro={
        <Anchor component={Link} to="/admin/courses" size="sm">
          {t('enrolments.back')}
        </Anchor>
      }
    >
      <StatusMessage message={status} />
      {data.state === 'loading' ? <Loader aria-label={t('common.loading')} /> : null}
      {data.state === 'failed' ? <ErrorAlert error={data.error} /> : null}
      {data.data ? (
        <>
          <AddEnrolment
            courseId={courseId}
            users={data.data.users}
            onAdded={(user, role) => {
              setStatus(
                t('enrolments.status.added', { name: user.fullName, role: t(`roles.${role}`) }),
              );
              data.reload();
            }}
          />
          <ErrorAlert error={removeError} />
          {data.data.enrolments.length === 0 ? (
            <Text>{t('enrolments.empty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table striped>
                <Table.Caption>{t('enrolments.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('users.field.fullName')}</Table.Th>
                    <Table.Th>{t('users.field.login')}</Table.Th>
                    <Table.Th>{t('users.field.group')}</Table.Th>
                    <Table.Th>{t('enrolments.role')}</Table.Th>
                    <Table.Th>{t('common.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.data.enrolments.map((enrolment) => (
                    <Table.Tr key={`${enrolment.userId}:${enrolment.role}`}>
                      <Table.Td>{enrolment.fullName}</Table.Td>
                      <Table.Td>
                        <Text ff="monospace" size="sm">
                          {enrolment.login}
                        </Text>
                      </Table.Td>
                      <Table.Td>{enrolment.group ?? '—'}</Table.Td>
                      <Table.Td>
                        <Badge variant="light">{t(`roles.${enrolment.role}`)}</Badge>
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="light"
                          color="red"
                          aria-label={t('enrolments.removeFor', {
                            name: enrolment.fullName,
                            role: t(`roles.${enrolment.role}`),
                          })}
                          onClick={() => void remove(enrolment)}
                        >
                          {t('enrolments.remove')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      ) : null}
    </Page>
  );
}
