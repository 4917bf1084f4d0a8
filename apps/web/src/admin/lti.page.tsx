// The administrator's LTI screen: what to paste into Moodle, registered platforms (and a form
// to register one, the same fields as `npm run lti -- add-platform`), the tool's keys with
// rotation, "sync roster now" per linked course, and the log of grades sent to LMSs.
import {
  Badge,
  Button,
  Card,
  Code,
  DataList,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddLtiPlatformBody } from '@emtihan/protocol';
import { useSession } from '../session/session';
import { formatDateTime } from '../ui/format';
import { Page } from '../ui/page';
import { ErrorAlert, StatusMessage } from '../ui/status';
import { useLoad } from '../ui/use-load';

const FIELDS = ['issuer', 'clientId', 'deploymentId', 'authUrl', 'tokenUrl', 'jwksUrl'] as const;
const EMPTY: AddLtiPlatformBody = {
  issuer: '',
  clientId: '',
  deploymentId: '',
  authUrl: '',
  tokenUrl: '',
  jwksUrl: '',
};
const SEND_COLOR = { pending: 'yellow', sent: 'green', superseded: 'green', failed: 'red' };

export function LtiPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | null>(null);
  return (
    <Page title={t('lti.title')} intro={<Text c="dimmed">{t('lti.intro')}</Text>}>
      <StatusMessage message={status} />
      <Platforms onDone={setStatus} />
      <Keys onDone={setStatus} />
      <Courses onDone={setStatus} />
      <GradeLog />
    </Page>
  );
}

function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: React.ReactNode;
}) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function Platforms({ onDone }: { onDone(m: string): void }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const load = useCallback(
    (signal: AbortSignal) => api.call('listLtiPlatforms', { signal }),
    [api],
  );
  const data = useLoad(load);
  const [form, setForm] = useState<AddLtiPlatformBody>(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const p = await api.call('addLtiPlatform', { body: form });
      setForm(EMPTY);
      data.reload();
      onDone(t('lti.platforms.registered', { issuer: p.issuer }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const tool = data.data?.tool;
  return (
    <>
      <Section id="lti-paste" title={t('lti.paste.title')}>
        <Text size="sm">{t('lti.paste.intro')}</Text>
        {tool ? (
          <DataList labelWidth="16rem">
            <DataList.Item>
              <DataList.ItemLabel>{t('lti.paste.toolUrl')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <Code>{tool.toolUrl}</Code>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('lti.paste.loginUrl')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <Code>{tool.loginUrl}</Code>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('lti.paste.redirectUris')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <Code block>{tool.redirectUris.join('\n')}</Code>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('lti.paste.jwksUrl')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <Code>{tool.jwksUrl}</Code>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>{t('lti.paste.deepLinkUrl')}</DataList.ItemLabel>
              <DataList.ItemValue>
                <Code>{tool.deepLinkUrl}</Code>
              </DataList.ItemValue>
            </DataList.Item>
          </DataList>
        ) : null}
        <Text size="sm">{t('lti.paste.services')}</Text>
      </Section>
      <Section id="lti-platforms" title={t('lti.platforms.title')}>
        {data.state === 'failed' ? <ErrorAlert error={data.error} /> : null}
        {data.data && data.data.platforms.length === 0 ? (
          <Text c="dimmed">{t('lti.platforms.none')}</Text>
        ) : null}
        {data.data && data.data.platforms.length > 0 ? (
          <Table withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('lti.field.issuer')}</Table.Th>
                <Table.Th>{t('lti.field.clientId')}</Table.Th>
                <Table.Th>{t('lti.platforms.deployments')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.data.platforms.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.issuer}</Table.Td>
                  <Table.Td>{p.clientId}</Table.Td>
                  <Table.Td>{p.deploymentIds.join(', ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        <form onSubmit={submit} aria-labelledby="lti-register">
          <Stack gap="xs">
            <Title order={3} size="h4" id="lti-register">
              {t('lti.platforms.register')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('lti.platforms.registerHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {FIELDS.map((f) => (
                <TextInput
                  key={f}
                  label={t(`lti.field.${f}`)}
                  required
                  value={form[f]}
                  onChange={(ev) => {
                    const v = ev.currentTarget.value;
                    setForm((x) => ({ ...x, [f]: v }));
                  }}
                />
              ))}
            </SimpleGrid>
            <ErrorAlert error={error} />
            <Group>
              <Button type="submit" loading={busy}>
                {t('lti.platforms.registerButton')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Section>
    </>
  );
}

function Keys({ onDone }: { onDone(m: string): void }) {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const load = useCallback((signal: AbortSignal) => api.call('listLtiKeys', { signal }), [api]);
  const data = useLoad(load);
  const [days, setDays] = useState<string | number>(7);
  const [error, setError] = useState<unknown>(null);
  const rotate = async () => {
    setError(null);
    try {
      await api.call('rotateLtiKey', { body: { overlapDays: Number(days) || 0 } });
      data.reload();
      onDone(t('lti.keys.rotated'));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Section id="lti-keys" title={t('lti.keys.title')}>
      <Text size="sm">{t('lti.keys.intro')}</Text>
      {data.state === 'failed' ? <ErrorAlert error={data.error} /> : null}
      {data.data ? (
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('lti.keys.kid')}</Table.Th>
              <Table.Th>{t('lti.keys.created')}</Table.Th>
              <Table.Th>{t('lti.keys.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.data.keys.map((k) => (
              <Table.Tr key={k.kid}>
                <Table.Td>
                  <Code>{k.kid}</Code>
                </Table.Td>
                <Table.Td>{formatDateTime(k.createdAt, language)}</Table.Td>
                <Table.Td>
                  {k.active ? (
                    <Badge color="green">{t('lti.keys.active')}</Badge>
                  ) : (
                    <Text size="sm">
                      {t('lti.keys.until', { time: formatDateTime(k.retireAt!, language) })}
                    </Text>
                  )}{' '}
                  {k.encrypted ? null : <Badge color="red">{t('lti.keys.plain')}</Badge>}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <Group align="flex-end">
        <NumberInput
          label={t('lti.keys.overlap')}
          min={0}
          max={90}
          value={days}
          onChange={setDays}
          w={220}
        />
        <Button onClick={rotate}>{t('lti.keys.rotate')}</Button>
      </Group>
      <ErrorAlert error={error} />
    </Section>
  );
}

function Courses({ onDone }: { onDone(m: string): void }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const load = useCallback((signal: AbortSignal) => api.call('listLtiCourses', { signal }), [api]);
  const data = useLoad(load);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const sync = async (courseId: string, title: string) => {
    setBusy(courseId);
    setError(null);
    try {
      const r = await api.call('syncLtiRoster', { params: { courseId } });
      onDone(t('lti.courses.synced', { course: title, members: r.members, enrolled: r.enrolled }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Section id="lti-courses" title={t('lti.courses.title')}>
      <Text size="sm">{t('lti.courses.intro')}</Text>
      {data.data && data.data.courses.length === 0 ? (
        <Text c="dimmed">{t('lti.courses.none')}</Text>
      ) : null}
      {data.data && data.data.courses.length > 0 ? (
        <Table withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('lti.courses.course')}</Table.Th>
              <Table.Th>{t('lti.field.issuer')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.data.courses.map((c) => (
              <Table.Tr key={`${c.issuer}|${c.contextId}`}>
                <Table.Td>{c.courseTitle}</Table.Td>
                <Table.Td>{c.issuer}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    disabled={!c.rosterService}
                    loading={busy === c.courseId}
                    onClick={() => sync(c.courseId, c.courseTitle)}
                    aria-label={t('lti.courses.syncFor', { course: c.courseTitle })}
                  >
                    {t('lti.courses.sync')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <ErrorAlert error={error} />
    </Section>
  );
}

function GradeLog() {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const load = useCallback((signal: AbortSignal) => api.call('ltiGradeLog', { signal }), [api]);
  const data = useLoad(load);
  return (
    <Section id="lti-grades" title={t('lti.grades.title')}>
      {data.data && data.data.sends.length === 0 ? (
        <Text c="dimmed">{t('lti.grades.none')}</Text>
      ) : null}
      {data.data && data.data.sends.length > 0 ? (
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('lti.grades.when')}</Table.Th>
              <Table.Th>{t('lti.grades.score')}</Table.Th>
              <Table.Th>{t('lti.grades.status')}</Table.Th>
              <Table.Th>{t('lti.grades.answer')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.data.sends.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{formatDateTime(s.updatedAt, language)}</Table.Td>
                <Table.Td>
                  {s.scoreGiven ?? '—'} / {s.scoreMaximum ?? '—'}
                </Table.Td>
                <Table.Td>
                  <Badge color={SEND_COLOR[s.status]}>{t(`grading.lms.${s.status}`)}</Badge>{' '}
                  <Text span size="xs">
                    {t('lti.grades.attempts', { n: s.attempts })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {s.httpStatus ? `HTTP ${s.httpStatus}` : ''} {s.error ?? ''}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Section>
  );
}
