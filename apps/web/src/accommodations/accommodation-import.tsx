// Many profiles at once from a CSV file: a template to fill in, a preview that says what is wrong
// in each row, then the import (all rows or none), with the reason recorded for each change.
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
  Textarea,
  Title,
} from '@mantine/core';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCOMMODATION_CSV_COLUMNS, type AccommodationImportReport } from '@emtihan/protocol';
import { useSession } from '../session/session';
import { ErrorAlert } from '../ui/status';
import { MAX_BREAK_MINUTES, MAX_EXTRA_MINUTES, MAX_TIME_FACTOR } from './accommodation.model';
import { CsvSource } from '../ui/csv-source';

type ImportCode = AccommodationImportReport['fileErrors'][number]['code'];
type Column = (typeof ACCOMMODATION_CSV_COLUMNS)[number];

/** The template: the header and one example row (student1, ×1.5, no face checks). */
export const TEMPLATE_CSV =
  `${ACCOMMODATION_CSV_COLUMNS.join(',')}\r\n` +
  'student1,1.5,0,15,faces headPose,"May read the questions aloud",DOC-2026-014,2026-12-31\r\n';

const PROPERTY_COLUMN: Record<string, Column> = {
  timeFactor: 'time_factor',
  extraMinutes: 'extra_minutes',
  breakMinutes: 'break_minutes',
  skippedChecks: 'skip_checks',
  proctorNote: 'proctor_note',
  documentRef: 'document_ref',
  validUntil: 'valid_until',
};

/** The server may name a field by its column or by its property. */
function columnOf(field: string): string {
  return PROPERTY_COLUMN[field] ?? field;
}

/** A row's or the file's problem in the page's language. */
export function importErrorText(t: TFunction, code: ImportCode, field: string): string {
  const column = columnOf(field);
  switch (code) {
    case 'minutes-invalid':
      return t('accommodations.problem.minutes-invalid', {
        max: column === 'break_minutes' ? MAX_BREAK_MINUTES : MAX_EXTRA_MINUTES,
      });
    case 'factor-too-large':
      return t('accommodations.problem.factor-too-large', { max: MAX_TIME_FACTOR });
    case 'factor-below-one':
    case 'breaks-longer-than-exam':
    case 'unknown-check':
      return t(`accommodations.problem.${code}`);
    case 'invalid':
      return (ACCOMMODATION_CSV_COLUMNS as readonly string[]).includes(column)
        ? t(`accommodations.import.invalid.${column as Column}`)
        : t('accommodations.problem.invalid');
    default:
      return t(`accommodations.import.error.${code}`);
  }
}

function ColumnsHelp() {
  const { t } = useTranslation();
  const template = useMemo(
    () => `data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE_CSV)}`,
    [],
  );
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="acc-import-columns">
      <Stack gap="xs">
        <Title order={2} size="h4" id="acc-import-columns">
          {t('accommodations.import.columnsTitle')}
        </Title>
        <Text size="sm">{t('accommodations.import.columnsIntro')}</Text>
        <List size="sm" spacing={4}>
          {ACCOMMODATION_CSV_COLUMNS.map((column) => (
            <List.Item key={column}>
              <Code>{column}</Code> — {t(`accommodations.import.column.${column}`)}
            </List.Item>
          ))}
        </List>
        <Group>
          <Anchor href={template} download="accommodations-template.csv" fw={500}>
            {t('accommodations.import.template')}
          </Anchor>
        </Group>
      </Stack>
    </Card>
  );
}

export function AccommodationImport({ onImported }: { onImported(): void }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [csv, setCsv] = useState('');
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const [report, setReport] = useState<{ csv: string; report: AccommodationImportReport } | null>(
    null,
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const [imported, setImported] = useState<number | null>(null);

  const current = report !== null && report.csv === csv;
  // The outcome of a check or an import is below the form: bring it into view.
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (report) outcome.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [report]);
  const canImport = current && report.report.valid && report.report.rows.length > 0;

  const changeCsv = (text: string) => {
    setCsv(text);
    setError(null);
    setImported(null);
  };

  const run = async (commit: boolean) => {
    if (reason.trim() === '') {
      setReasonMissing(true);
      return;
    }
    setBusy(commit ? 'import' : 'preview');
    setError(null);
    setImported(null);
    try {
      const result = await api.call('importAccommodations', {
        body: { csv, commit, reason: reason.trim() },
      });
      setReport({ csv, report: result });
      if (commit && result.imported > 0) {
        setImported(result.imported);
        onImported();
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const bad = report?.report.rows.filter((r) => r.errors.length > 0).length ?? 0;
  const fileErrors = current ? report.report.fileErrors : [];

  return (
    <Stack gap="md">
      <ColumnsHelp />
      <CsvSource texts="accommodations.import" csv={csv} onCsv={changeCsv} />
      <Textarea
        label={t('accommodations.field.reason')}
        description={t('accommodations.import.reasonHint')}
        required
        autosize
        minRows={1}
        maxLength={500}
        value={reason}
        onChange={(e) => {
          setReason(e.currentTarget.value);
          setReasonMissing(false);
        }}
        error={reasonMissing ? t('accommodations.problem.reason-required') : undefined}
        w={{ base: '100%', sm: 620 }}
      />
      <Group>
        <Button
          variant="default"
          onClick={() => void run(false)}
          disabled={csv.trim() === '' || busy !== null}
          loading={busy === 'preview'}
        >
          {t('accommodations.import.preview')}
        </Button>
        <Button
          onClick={() => void run(true)}
          disabled={!canImport || busy !== null}
          loading={busy === 'import'}
        >
          {t('accommodations.import.commit')}
        </Button>
        {csv.trim() !== '' && !current ? (
          <Text size="sm" c="dimmed">
            {t('accommodations.import.previewFirst')}
          </Text>
        ) : null}
      </Group>
      <div role="status" ref={outcome} style={{ scrollMarginTop: 80 }}>
        {current && imported !== null ? (
          <Alert color="green" variant="light" role="none">
            {t('accommodations.import.done', { n: imported })}
          </Alert>
        ) : null}
        {current && imported === null && report.report.valid ? (
          <Alert color="green" variant="light" role="none">
            {t('accommodations.import.valid', { n: report.report.rows.length })}
          </Alert>
        ) : null}
      </div>
      <ErrorAlert error={error} />
      {current && (bad > 0 || fileErrors.length > 0) ? (
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={t('accommodations.import.invalidTitle')}
        >
          <Stack gap={4}>
            {bad > 0 ? (
              <Text size="sm">
                {t('accommodations.import.invalidRows', {
                  bad,
                  total: report.report.rows.length,
                })}
              </Text>
            ) : null}
            {fileErrors.map((e, i) => (
              <Text size="sm" key={i}>
                {importErrorText(t, e.code, '')}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
      {current && report.report.rows.length > 0 ? (
        <Table.ScrollContainer minWidth={700}>
          <Table withTableBorder>
            <Table.Caption>{t('accommodations.import.tableCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('accommodations.import.line')}</Table.Th>
                <Table.Th>{t('accommodations.import.login')}</Table.Th>
                <Table.Th>{t('accommodations.import.problems')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.report.rows.map((row) => {
                const wrong = row.errors.length > 0;
                return (
                  <Table.Tr
                    key={row.line}
                    bg={wrong ? 'var(--mantine-color-red-light)' : undefined}
                    data-invalid={wrong || undefined}
                  >
                    <Table.Td>{row.line}</Table.Td>
                    <Table.Td>{row.login}</Table.Td>
                    <Table.Td>
                      {wrong ? (
                        <List size="sm" c="red.9">
                          {row.errors.map((e, i) => (
                            <List.Item key={i}>
                              <strong>{columnOf(e.field)}</strong>:{' '}
                              {importErrorText(t, e.code, e.field)}
                            </List.Item>
                          ))}
                        </List>
                      ) : (
                        <Text size="sm" c="green.9">
                          {t('accommodations.import.ok')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Stack>
  );
}
