// The CSV files people bring (rosters, timetables): UTF-8 with or without a BOM, a header row,
// comma or semicolon (Excel in a Russian or Kazakh locale writes semicolons).
import { parse } from 'csv-parse/sync';

/** The file's records, cells trimmed and empty lines skipped; or the parser's complaint. */
export function readCsv(text: string): { records: string[][] } | { syntaxError: string } {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const delimiter =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    return {
      records: parse(clean, {
        delimiter,
        skip_empty_lines: true,
        relax_column_count: true,
        trim: true,
      }),
    };
  } catch (e) {
    return { syntaxError: (e as Error).message };
  }
}

/** A header's names as the columns are known: lower case, spaces as underscores. */
export const columnNames = (header: readonly string[] | undefined): string[] =>
  (header ?? []).map((h) => h.toLowerCase().replace(/\s+/g, '_'));
