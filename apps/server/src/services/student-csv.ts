// Reads a roster CSV (UTF-8, header row, comma or semicolon) into rows with per-field errors.
import { FullName, Language, Login, Password, type ImportRowError } from '@emtihan/protocol';
import { z } from 'zod';
import { columnNames, readCsv } from './csv.ts';

export interface CsvRow {
  line: number;
  login: string;
  fullName: string;
  email: string | null;
  group: string | null;
  language: string;
  password: string;
  errors: ImportRowError[];
}

export const CSV_COLUMNS = [
  'login',
  'full_name',
  'email',
  'group',
  'language',
  'password',
] as const;
const REQUIRED = ['login', 'full_name', 'password'] as const;

const fields = {
  login: Login,
  full_name: FullName,
  email: z.email().nullable(),
  group: z.string().max(64).nullable(),
  language: Language,
  password: Password,
};

export function parseStudentCsv(text: string): CsvRow[] {
  const table = readCsv(text);
  if ('syntaxError' in table) {
    return [blank(1, [{ field: 'csv', code: 'csv-syntax', message: table.syntaxError }])];
  }
  const [header, ...body] = table.records;
  const names = columnNames(header);
  const missing = REQUIRED.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
  if (missing.length || unknown.length) {
    return [
      blank(1, [
        ...missing.map((c) => ({
          field: c,
          code: 'missing-column' as const,
          message: 'column is missing',
        })),
        ...unknown.map((c) => ({
          field: c,
          code: 'unknown-column' as const,
          message: 'unknown column',
        })),
      ]),
    ];
  }
  if (body.length === 0)
    return [blank(2, [{ field: 'csv', code: 'no-rows', message: 'no rows below the header' }])];
  const seen = new Map<string, number>();
  return body.map((cells, i) => {
    const line = i + 2;
    const get = (c: string) => {
      const v = cells[names.indexOf(c)];
      return v === undefined || v === '' ? null : v;
    };
    const errors: CsvRow['errors'] = [];
    const check = <K extends keyof typeof fields>(k: K, v: unknown) => {
      const r = fields[k].safeParse(v);
      if (!r.success)
        errors.push({
          field: k,
          code: 'invalid',
          message: r.error.issues[0]?.message ?? 'invalid',
        });
      return r.success ? (r.data as z.infer<(typeof fields)[K]>) : null;
    };
    const login = get('login') ?? '';
    check('login', login);
    check('full_name', get('full_name') ?? '');
    check('email', get('email'));
    check('group', get('group'));
    const language = get('language') ?? 'kk';
    check('language', language);
    check('password', get('password') ?? '');
    const twin = seen.get(login);
    if (login && twin)
      errors.push({
        field: 'login',
        code: 'duplicate',
        message: `same login as line ${twin}`,
        line: twin,
      });
    if (login && !twin) seen.set(login, line);
    return {
      line,
      login,
      fullName: (get('full_name') ?? '').trim(),
      email: get('email'),
      group: get('group'),
      language,
      password: get('password') ?? '',
      errors,
    };
  });
}

const blank = (line: number, errors: CsvRow['errors']): CsvRow => ({
  line,
  login: '',
  fullName: '',
  email: null,
  group: null,
  language: '',
  password: '',
  errors,
});
