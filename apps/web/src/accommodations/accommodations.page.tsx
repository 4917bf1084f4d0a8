// The accommodations office (ADR 0018): every student's profile (extra time, rest breaks, checks
// left out, a note for the proctor), kept by admins and people with the accommodations duty.
// Each change asks why, and the student's history says who changed what, when and why.
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccommodationView } from '@emtihan/protocol';
import { useSession } from '../session/session';
import { formatDateTime, formatDay } from '../ui/format';
import { Page } from '../ui/page';
import { ErrorAlert, StatusMessage } from '../ui/status';
import { useLoad } from '../ui/use-load';
import { AccommodationImport } from './accommodation-import';
import { describeEffect } from './effect';
import { RemovalModal } from './change-reason';
import { HistoryModal } from './history.modal';
import { ProfileFormModal } from './profile-form.modal';
import { useStudentChoices } from './students';

type Editing = { profile: AccommodationView | null; studentId?: string };

/** Whether a profile matches what was typed in the search box (name, login). */
function matches(a: AccommodationView, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  if (q === '') return true;
  return (
    a.studentName.toLocaleLowerCase().includes(q) || a.studentLogin.toLocaleLowerCase().includes(q)
  );
}

export function AccommodationsPage() {
  const { t } = useTranslation();
  const { api } = useSession();
  const load = useCallback(
    (signal: AbortSignal) =>
      api.call('listAccommodations', { signal }).then((r) => r.accommodations),
    [api],
  );
  const list = useLoad(load);
  const { reload } = list;
  const students = useStudentChoices();
  const [tab, setTab] = useState<string>('profiles');
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [removing, setRemoving] = useState<AccommodationView | null>(null);
  const [history, setHistory] = useState<{ id: string; name: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const existing = useMemo(
    () => new Map((list.data ?? []).map((a) => [a.studentId, a] as const)),
    [list.data],
  );
  const shown = (list.data ?? [])
    .filter((a) => matches(a, query))
    .sort((a, b) => a.studentName.localeCompare(b.studentName));

  const done = (message: string) => {
    setEditing(null);
    setRemoving(null);
    setStatus(message);
    reload();
  };

  return (
    <Page
      title={t('accommodations.title')}
      intro={<Text c="dimmed">{t('accommodations.intro')}</Text>}
    >
      <StatusMessage message={status} />
      <Tabs value={tab} onChange={(v) => v && setTab(v)}>
        <Tabs.List>
          <Tabs.Tab value="profiles">{t('accommodations.tabs.profiles')}</Tabs.Tab>
          <Tabs.Tab value="import">{t('accommodations.tabs.import')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="profiles" pt="md">
          <Stack gap="md">
            <Group justify="space-between" align="flex-end">
              <TextInput
                type="search"
                label={t('accommodations.search')}
                placeholder={t('accommodations.searchPlaceholder')}
                value={query}
                onChange={(e) => setQuery(e.currentTarget.value)}
                w={{ base: '100%', sm: 360 }}
              />
              <Button
                onClick={() => {
                  setStatus(null);
                  setEditing({ profile: null });
                }}
              >
                {t('accommodations.add')}
              </Button>
            </Group>
            {list.state === 'loading' ? <Loader aria-label={t('common.loading')} /> : null}
            {list.state === 'failed' ? <ErrorAlert error={list.error} /> : null}
            {list.state === 'ready' && list.data.length === 0 ? (
              <Alert variant="light" color="blue">
                {t('accommodations.empty')}
              </Alert>
            ) : null}
            {list.state === 'ready' && list.data.length > 0 && shown.length === 0 ? (
              <Text>{t('accommodations.noMatch', { query })}</Text>
            ) : null}
            {shown.length > 0 ? (
              <ProfilesTable
                rows={shown}
                onEdit={(a) => {
                  setStatus(null);
                  setEditing({ profile: a });
                }}
                onRemove={(a) => {
                  setStatus(null);
                  setRemoving(a);
                }}
                onHistory={(a) => setHistory({ id: a.studentId, name: a.studentName })}
              />
            ) : null}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="import" pt="md">
          <AccommodationImport onImported={reload} />
        </Tabs.Panel>
      </Tabs>
      {editing ? (
        <ProfileFormModal
          profile={editing.profile}
          studentId={editing.studentId ?? null}
          students={students}
          existing={existing}
          onClose={() => setEditing(null)}
          onSaved={(saved, created) =>
            done(
              t(created ? 'accommodations.status.added' : 'accommodations.status.saved', {
                name: saved.studentName,
              }),
            )
          }
        />
      ) : null}
      {removing ? (
        <RemovalModal
          title={t('accommodations.remove.title', { name: removing.studentName })}
          text={t('accommodations.remove.text')}
          action={t('accommodations.remove.confirm')}
          onClose={() => setRemoving(null)}
          remove={async (reason) => {
            await api.call('removeAccommodation', {
              params: { studentId: removing.studentId },
              body: { reason },
            });
            done(t('accommodations.status.removed', { name: removing.studentName }));
          }}
        />
      ) : null}
      {history ? (
        <HistoryModal
          studentId={history.id}
          studentName={history.name}
          onClose={() => setHistory(null)}
        />
      ) : null}
    </Page>
  );
}

function ProfilesTable({
  rows,
  onEdit,
  onRemove,
  onHistory,
}: {
  rows: AccommodationView[];
  onEdit(a: AccommodationView): void;
  onRemove(a: AccommodationView): void;
  onHistory(a: AccommodationView): void;
}) {
  const { t } = useTranslation();
  const { language } = useSession();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table withTableBorder striped verticalSpacing="sm">
        <Table.Caption>{t('accommodations.table.caption', { n: rows.length })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('accommodations.table.student')}</Table.Th>
            <Table.Th>{t('accommodations.table.effect')}</Table.Th>
            <Table.Th>{t('accommodations.table.validUntil')}</Table.Th>
            <Table.Th>{t('accommodations.table.updated')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((a) => (
            <Table.Tr key={a.studentId}>
              <Table.Td>
                <Text fw={500}>{a.studentName}</Text>
                <Text size="sm" c="dimmed">
                  {a.studentLogin}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{describeEffect(t, language, a)}</Text>
                {a.proctorNote ? (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {t('accommodations.table.note', { note: a.proctorNote })}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <Text size="sm">
                    {a.validUntil
                      ? formatDay(a.validUntil, language)
                      : t('accommodations.table.noEnd')}
                  </Text>
                  <Badge color={a.active ? 'teal' : 'gray'} variant="light">
                    {t(a.active ? 'accommodations.table.active' : 'accommodations.table.expired')}
                  </Badge>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(a.updatedAt, language)}</Text>
                <Text size="xs" c="dimmed">
                  {a.updatedBy}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="light"
                    aria-label={t('accommodations.editFor', { name: a.studentName })}
                    onClick={() => onEdit(a)}
                  >
                    {t('accommodations.edit')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={t('accommodations.historyFor', { name: a.studentName })}
                    onClick={() => onHistory(a)}
                  >
                    {t('accommodations.history.open')}
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    aria-label={t('accommodations.removeFor', { name: a.studentName })}
                    onClick={() => onRemove(a)}
                  >
                    {t('accommodations.remove.open')}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
