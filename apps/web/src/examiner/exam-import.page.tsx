// The timetable import: a CSV of exams (one a row) checked by the server first, each row's
// problems shown in the user's language, then imported as drafts (or published, per row).
import {
  Alert,
  Anchor,
  Button,
  Card,
  Code,
  Group,
  List,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { TFunction } from 'i18next';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  EXAM_CSV_COLUMNS,
  EXAM_IMPORT_CODES,
  type ExamImportReport,
  type ExamImportRow,
} from '@emtihan/protocol';
import { useSession } from '../session/session';
import { Page } from '../ui/page';
import { ErrorAlert, StatusMessage } from '../ui/status';
import { useLoad } from '../ui/use-load';
import { isProblemCode } from './authoring/exam-form.model';
import { isoToZoned, zoneLabel } from '../ui/zoned-time';
import { CsvSource } from '../ui/csv-source';

const COLUMNS = EXAM_CSV_COLUMNS;
const IMPORT_CODES = EXAM_IMPORT_CODES;
type ImportCode = (typeof IMPORT_CODES)[number];

/** A value the schema refused, said by its column (the server's detail is zod's English). */
function invalidText(t: TFunction, field: string, detail: string): string {
  switch (field) {
    case 'opens_at':
    case 'closes_at':
      return t('examImport.error.dateTime');
    case 'duration_minutes':
      return t('authoring.invalid.range', { min: 1, max: 1440 });
    case 'title':
      return t('examImport.error.title');
    case 'kind':
      return t('examImport.error.kind');
    default:
      return t('examImport.error.invalid', { detail });
  }
}

/** A row's or the file's problem in the page's language, by its code. */
function errorText(t: TFunction, error: { code: string; message: string; field?: string }): string {
  if (isProblemCode(error.code)) return t(`authoring.problem.${error.code}`);
  if (error.code === 'invalid') return invalidText(t, error.field ?? '', error.message);
  if ((IMPORT_CODES as readonly string[]).includes(error.code)) {
    return t(`examImport.error.${error.code as ImportCode}`, { detail: error.message });
  }
  return error.message;
}

function ColumnsHelp({ zone }: { zone: string | null }) {
  const { t } = useTranslation();
  const [now] = useState(() => Date.now());
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="exam-import-columns">
      <Stack gap="xs">
        <Title order={2} size="h4" id="exam-import-columns">
          {t('examImport.columns.heading')}
        </Title>
        <Text size="sm">
          {t('examImport.columns.intro')}{' '}
          {zone ? t('examImport.columns.zone', { zone: zoneLabel(zone, now) }) : null}
        </Text>
        <List size="sm" spacing={4}>
          {COLUMNS.map((column) => (
            <List.Item key={column}>
              <Code>{column}</Code> — {t(`examImport.columns.${column}`)}
            </List.Item>
          ))}
        </List>
        <Text size="sm">{t('examImport.columns.example')}</Text>
        <Code block>{t('examImport.example')}</Code>
      </Stack>
    </Card>
  );
}

function When({ iso, zone }: { iso: string | null; zone: string | null }) {
  if (!iso) return <>—</>;
  if (!zone) return <>{iso}</>;
  const w = isoToZoned(iso, zone);
  return (
    <>
      {w.date} {w.time}
    </>
  );
}

function RowsTable({ rows, zone }: { rows: ExamImportRow[]; zone: string | null }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table withTableBorder>
        <Table.Caption>{t('examImport.table.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('examImport.table.line')}</Table.Th>
            <Table.Th>{t('examImport.table.course')}</Table.Th>
            <Table.Th>{t('examImport.table.title')}</Table.Th>
            <Table.Th>{t('examImport.table.opens')}</Table.Th>
            <Table.Th>{t('examImport.table.closes')}</Table.Th>
            <Table.Th>{t('examImport.table.problems')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const bad = row.errors.length > 0;
            return (
              <Table.Tr
                key={row.line}
                bg={bad ? 'var(--mantine-color-red-light)' : undefined}
                data-invalid={bad || undefined}
              >
                <Table.Td>{row.line}</Table.Td>
                <Table.Td>{row.course}</Table.Td>
                <Table.Td>{row.title}</Table.Td>
                <Table.Td>
                  <When iso={row.opensAt} zone={zone} />
                </Table.Td>
                <Table.Td>
                  <When iso={row.closesAt} zone={zone} />
                </Table.Td>
                <Table.Td>
                  {bad ? (
                    <List size="sm" c="red.9">
                      {row.errors.map((error, i) => (
                        <List.Item key={i}>
                          <strong>{error.field}</strong>: {errorText(t, error)}
                        </List.Item>
                      ))}
                    </List>
                  ) : row.examId ? (
                    <Anchor component={Link} to={`/examiner/exams/${row.examId}/edit`} size="sm">
                      {t('examImport.table.created')}
                    </Anchor>
                  ) : (
                    <Text size="sm" c="green.9">
                      {t('examImport.table.ok')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ExamImportPage() {
  const { t } = useTranslation();
  const { api } = useSession();
  const zoneLoad = useCallback(
    (signal: AbortSignal) => api.call('authoringCourses', { signal }).then((r) => r.timeZone),
    [api],
  );
  const zone = useLoad(zoneLoad);
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<{ csv: string; report: ExamImportReport } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);

  const current = report !== null && report.csv === csv ? report.report : null;
  const invalidRows = current?.rows.filter((row) => row.errors.length > 0).length ?? 0;
  const canImport =
    current !== null &&
    current.created === 0 &&
    current.fileErrors.length === 0 &&
    invalidRows === 0 &&
    current.rows.length > 0;

  const changeCsv = (text: string) => {
    setCsv(text);
    setStatus(null);
    setError(null);
  };

  const run = async (kind: 'preview' | 'import') => {
    setBusy(kind);
    setError(null);
    setStatus(null);
    try {
      const body = { csv };
      const result =
        kind === 'preview'
          ? await api.call('previewExamImport', { body })
          : await api.call('importExams', { body });
      setReport({ csv, report: result });
      const bad = result.rows.filter((row) => row.errors.length > 0).length;
      if (kind === 'import' && result.created > 0) {
        setStatus(t('examImport.status.imported', { n: result.created }));
      } else if (bad === 0 && result.fileErrors.length === 0) {
        setStatus(t('examImport.status.valid', { n: result.rows.length }));
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const timeZone = zone.state === 'ready' ? zone.data : null;
  return (
    <Page title={t('examImport.title')} intro={<Text c="dimmed">{t('examImport.intro')}</Text>}>
      <ColumnsHelp zone={timeZone} />
      <Stack gap="md">
        <CsvSource texts="examImport" csv={csv} onCsv={changeCsv} />
        <Group>
          <Button
            variant="default"
            onClick={() => void run('preview')}
            disabled={csv.trim() === '' || busy !== null}
            loading={busy === 'preview'}
          >
            {t('examImport.preview')}
          </Button>
          <Button
            onClick={() => void run('import')}
            disabled={!canImport || busy !== null}
            loading={busy === 'import'}
          >
            {t('examImport.import')}
          </Button>
          {csv.trim() !== '' && current === null ? (
            <Text size="sm" c="dimmed">
              {t('examImport.previewFirst')}
            </Text>
          ) : null}
        </Group>
        <StatusMessage message={status} />
        <ErrorAlert error={error} />
        {current && current.fileErrors.length > 0 ? (
          <Alert color="red" variant="light" title={t('examImport.fileErrors')}>
            <List size="sm">
              {current.fileErrors.map((e, i) => (
                <List.Item key={i}>{errorText(t, e)}</List.Item>
              ))}
            </List>
          </Alert>
        ) : null}
        {current && invalidRows > 0 ? (
          <Alert color="red" variant="light" title={t('examImport.invalid.title')}>
            {t('examImport.invalid.text', { bad: invalidRows, total: current.rows.length })}
          </Alert>
        ) : null}
      </Stack>
      {report && report.report.rows.length > 0 ? (
        <RowsTable rows={report.report.rows} zone={timeZone} />
      ) : null}
    </Page>
  );
}
