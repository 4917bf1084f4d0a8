import {
  Badge,
  Button,
  Group,
  Loader,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useCallback, useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '@emtihan/protocol';
import { orderedRoles } from '../session/roles';
import { useSession } from '../session/session';
import { Page } from '../ui/page';
import { ErrorAlert, StatusMessage } from '../ui/status';
import { useLoad } from '../ui/use-load';
import { UserFormModal, type UserFormResult } from './user-form.modal';

/** Rows drawn at once; a university has thousands of students, the search narrows them. */
const MAX_ROWS = 200;

function matches(user: UserView, query: string): boolean {
  if (!query) return true;
  const q = query.toLocaleLowerCase();
  return [user.login, user.fullName, user.group ?? '', user.email ?? ''].some((s) =>
    s.toLocaleLowerCase().includes(q),
  );
}

type Editing = { user: UserView | null } | null;

export function UsersPage() {
  const { t } = useTranslation();
  const { api } = useSession();
  const load = useCallback(
    (signal: AbortSignal) => api.call('listUsers', { signal }).then((r) => r.users),
    [api],
  );
  const users = useLoad(load);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query.trim());
  const [editing, setEditing] = useState<Editing>(null);
  const [status, setStatus] = useState<string | null>(null);

  const done = (result: UserFormResult) => {
    setEditing(null);
    if (result.kind === 'created')
      setStatus(t('users.status.created', { login: result.user.login }));
    if (result.kind === 'updated')
      setStatus(t('users.status.updated', { login: result.user.login }));
    if (result.kind === 'unchanged') setStatus(t('users.status.unchanged'));
    if (result.kind === 'revoked')
      setStatus(t('users.status.revoked', { login: result.user.login, n: result.count }));
    users.reload();
  };

  const found = users.data?.filter((u) => matches(u, deferredQuery)) ?? [];
  const shown = found.slice(0, MAX_ROWS);

  return (
    <Page title={t('users.title')} intro={<Text c="dimmed">{t('users.intro')}</Text>}>
      <StatusMessage message={status} />
      <Group justify="space-between" align="flex-end">
        <TextInput
          label={t('users.search')}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          w={360}
        />
        <Button
          onClick={() => {
            setStatus(null);
            setEditing({ user: null });
          }}
        >
          {t('users.create.open')}
        </Button>
      </Group>
      {users.state === 'loading' ? <Loader aria-label={t('common.loading')} /> : null}
      {users.state === 'failed' ? <ErrorAlert error={users.error} /> : null}
      {users.data ? (
        <>
          <Text size="sm" c="dimmed">
            {found.length > shown.length
              ? t('users.countLimited', { shown: shown.length, total: found.length })
              : t('users.count', { n: found.length })}
          </Text>
          <Table.ScrollContainer minWidth={800}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.field.login')}</Table.Th>
                  <Table.Th>{t('users.field.fullName')}</Table.Th>
                  <Table.Th>{t('users.field.group')}</Table.Th>
                  <Table.Th>{t('users.field.roles')}</Table.Th>
                  <Table.Th>{t('users.field.active')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td>
                      <Text ff="monospace" size="sm">
                        {user.login}
                      </Text>
                    </Table.Td>
                    <Table.Td>{user.fullName}</Table.Td>
                    <Table.Td>{user.group ?? '—'}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {orderedRoles(user).map((role) => (
                          <Badge key={role} variant="light">
                            {t(`roles.${role}`)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={user.active ? 'green' : 'gray'} variant="dot">
                        {user.active ? t('users.active') : t('users.inactive')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t('users.edit.openFor', { login: user.login })}
                        onClick={() => {
                          setStatus(null);
                          setEditing({ user });
                        }}
                      >
                        {t('users.edit.open')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      ) : null}
      <UserFormModal
        opened={editing !== null}
        user={editing?.user ?? null}
        onClose={() => setEditing(null)}
        onDone={done}
      />
    </Page>
  );
}
