import { Alert, Button, Card, Code, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport, ImportRow, ImportRowError } from '@emtihan/protocol';
import { useSession } from '../session/session';
import { Page } from '../ui/page';
import { ErrorAlert, StatusMessage } from '../ui/status';
import { CsvSource } from '../ui/csv-source';

const COLUMNS = ['login', 'full_name', 'email', 'group', 'language', 'password'] as const;
type Column = (typeof COLUMNS)[number];

/** The server may name a field by its column or by its property. */
function columnOf(field: string): Column | null {
  const normalized = field === 'fullName' ? 'full_name' : field;
  return (COLUMNS as readonly string[]).includes(normalized) ? (normalized as Column) : null;
}

/** A row error in the page's language, by its code; a field's format error by our rule for it. */
function rowErrorText(t: TFunction, column: Column | null, error: ImportRowError): string {
  switch (error.code) {
    case 'duplicate':
      return t('import.rowError.duplicate', { line: error.line ?? '?' });
    case 'taken':
      return t('import.rowError.taken');
    case 'missing-column':
      return t('import.rowError.missingColumn');
    case 'unknown-column':
      return t('import.rowError.unknownColumn');
    case 'no-rows':
      return t('import.rowError.noRows');
    case 'csv-syntax':
      return t('import.rowError.csvSyntax', { detail: error.message });
    case 'invalid':
      return column ? t(`import.rowError.${column}`) : error.message;
  }
}

function ColumnsHelp() {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="import-columns">
      <Stack gap="xs">
        <Title order={2} size="h4" id="import-columns">
          {t('import.columns.title')}
        </Title>
        <Text size="sm">{t('import.columns.intro')}</Text>
        <List size="sm" spacing={4}>
          {COLUMNS.map((column) => (
            <List.Item key={column}>
              <Code>{column}</Code> — {t(`import.columns.${column}`)}
            </List.Item>
          ))}
        </List>
        <Text size="sm">{t('import.columns.example')}</Text>
        <Code block>{t('import.example')}</Code>
      </Stack>
    </Card>
  );
}

function RowsTable({ rows }: { rows: ImportRow[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table withTableBorder>
        <Table.Caption>{t('import.table.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('import.table.line')}</Table.Th>
            <Table.Th>{t('users.field.login')}</Table.Th>
            <Table.Th>{t('users.field.fullName')}</Table.Th>
            <Table.Th>{t('users.field.email')}</Table.Th>
            <Table.Th>{t('users.field.group')}</Table.Th>
            <Table.Th>{t('users.field.language')}</Table.Th>
            <Table.Th>{t('import.table.problems')}</Table.Th>
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
                <Table.Td>{row.login}</Table.Td>
                <Table.Td>{row.fullName}</Table.Td>
                <Table.Td>{row.email ?? '—'}</Table.Td>
                <Table.Td>{row.group ?? '—'}</Table.Td>
                <Table.Td>{row.language}</Table.Td>
                <Table.Td>
                  {bad ? (
                    <List size="sm" c="red.9">
                      {row.errors.map((error, i) => {
                        const column = columnOf(error.field);
                        return (
                          <List.Item key={i}>
                            <strong>{column ?? error.field}</strong>:{' '}
                            {rowErrorText(t, column, error)}
                          </List.Item>
                        );
                      })}
                    </List>
                  ) : (
                    <Text size="sm" c="green.9">
                      {t('import.table.ok')}
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

export function ImportPage() {
  const { t } = useTranslation();
  const { api } = useSession();
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<{ csv: string; report: ImportReport } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);

  const previewIsCurrent = report !== null && report.csv === csv;
  const canImport = previewIsCurrent && report.report.valid && report.report.rows.length > 0;

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
          ? await api.call('previewImport', { body })
          : await api.call('importUsers', { body });
      setReport({ csv, report: result });
      const invalid = result.rows.filter((row) => row.errors.length > 0).length;
      if (kind === 'import' && result.imported > 0) {
        setStatus(t('import.status.imported', { n: result.imported }));
      } else if (invalid === 0) {
        setStatus(t('import.status.valid', { n: result.rows.length }));
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const invalidRows = report?.report.rows.filter((row) => row.errors.length > 0).length ?? 0;

  return (
    <Page title={t('import.title')} intro={<Text c="dimmed">{t('import.intro')}</Text>}>
      <ColumnsHelp />
      <Stack gap="md">
        <CsvSource texts="import" csv={csv} onCsv={changeCsv} />
        <Group>
          <Button
            variant="default"
            onClick={() => void run('preview')}
            disabled={csv.trim() === '' || busy !== null}
            loading={busy === 'preview'}
          >
            {t('import.preview')}
          </Button>
          <Button
            onClick={() => void run('import')}
            disabled={!canImport || busy !== null}
            loading={busy === 'import'}
          >
            {t('import.import')}
          </Button>
          {!canImport && csv.trim() !== '' && !previewIsCurrent ? (
            <Text size="sm" c="dimmed">
              {t('import.previewFirst')}
            </Text>
          ) : null}
        </Group>
        <StatusMessage message={status} />
        <ErrorAlert error={error} />
        {previewIsCurrent && invalidRows > 0 ? (
          <Alert color="red" variant="light" title={t('import.invalid.title')}>
            {t('import.invalid.text', { bad: invalidRows, total: report.report.rows.length })}
          </Alert>
        ) : null}
      </Stack>
      {report && report.report.rows.length > 0 ? <RowsTable rows={report.report.rows} /> : null}
    </Page>
  );
}
