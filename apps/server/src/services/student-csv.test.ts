import { describe, expect, it } from 'vitest';
import { parseStudentCsv } from './student-csv.ts';

describe('reading a roster CSV', () => {
  it('reads comma and semicolon files with a header in any column order', () => {
    const rows = parseStudentCsv('password;full_name;login\npw12;Қасымова Әсел;asel\n');
    expect(rows).toEqual([
      expect.objectContaining({
        line: 2,
        login: 'asel',
        fullName: 'Қасымова Әсел',
        language: 'kk',
        errors: [],
      }),
    ]);
  });

  it('names a missing or unknown column instead of guessing', () => {
    const [row] = parseStudentCsv('login,name\nx,y\n');
    expect(row?.errors).toEqual([
      { field: 'full_name', code: 'missing-column', message: 'column is missing' },
      { field: 'password', code: 'missing-column', message: 'column is missing' },
      { field: 'name', code: 'unknown-column', message: 'unknown column' },
    ]);
  });

  it('flags a login repeated inside the file on its second line', () => {
    const rows = parseStudentCsv('login,full_name,password\nsame,Aa Bb,pw12\nsame,Cc Dd,pw34\n');
    expect(rows[0]?.errors).toEqual([]);
    expect(rows[1]?.errors).toEqual([
      { field: 'login', code: 'duplicate', message: 'same login as line 2', line: 2 },
    ]);
  });

  it('refuses a file with only a header', () => {
    expect(parseStudentCsv('login,full_name,password\n')[0]?.errors[0]?.message).toBe(
      'no rows below the header',
    );
  });

  it('reports a broken quote as a CSV error rather than throwing', () => {
    expect(parseStudentCsv('login,full_name,password\n"x,y,z\n')[0]?.errors[0]?.field).toBe('csv');
  });
});
