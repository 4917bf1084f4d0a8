// Tickets from what the examiner typed or imported: a list, text blocks, one ticket a line, or a
// CSV file (numbered rows, or one ticket a row). The CSV parser is the server's (csv-parse).
import { parse as parseCsv } from 'csv-parse/sync';
import {
  ticketsFromLines,
  ticketsFromPlainRows,
  ticketsFromRows,
  ticketsFromText,
  type OralTicket,
} from '@emtihan/domain';
import type { OralTicketsInput } from '@emtihan/protocol';
import { ok, refuse, type Result } from './result.ts';

export function parseTickets(input: OralTicketsInput): Result<OralTicket[]> {
  if (input.format === 'list') return ok(input.tickets);
  if (input.format === 'text') return ok(ticketsFromText(input.text));
  if (input.format === 'lines') return ok(ticketsFromLines(input.text));
  try {
    const rows = parseCsv(input.text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      delimiter: [',', ';', '\t'],
    }) as string[][];
    // Numbered rows (after an optional header) are `number, question…`; else one ticket a row.
    const numbered = rows.slice(0, 2).some((r) => /^\s*\d+\s*$/.test(r[0] ?? ''));
    return ok(numbered ? ticketsFromRows(rows) : ticketsFromPlainRows(rows));
  } catch (err) {
    return refuse(
      'bad-request',
      `the CSV file could not be read: ${(err as Error).message}`,
      'tickets',
    );
  }
}
