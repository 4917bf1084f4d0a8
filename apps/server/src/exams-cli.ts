// `npm run exams -- import FILE.csv [--commit]`: a session's timetable at once, from a shell
// (ADR 0017). Without --commit it prints the preview; with it, creates every exam or none.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { UserView } from '@emtihan/protocol';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { migrate, openDatabase } from './db/database.ts';
import { CourseRepo } from './repositories/course.repo.ts';
import { ExamRepo } from './repositories/exam.repo.ts';
import { systemClock, type Clock } from './services/clock.ts';
import { EXAM_CSV_COLUMNS, ExamImportService } from './services/exam-import.service.ts';

const USAGE = `usage: npm run exams -- import FILE.csv [--commit]
  columns (header row): ${EXAM_CSV_COLUMNS.join(', ')}
  required: course (code, title or id), title, opens_at, closes_at (YYYY-MM-DD HH:MM in TIME_ZONE),
  duration_minutes; kind is written (default) or oral; proctors are logins; publish is yes/no`;

/** The shell acts for the university: as an admin, who may author in every course. */
const SHELL: UserView = {
  id: 'shell',
  login: 'shell',
  fullName: 'Shell',
  email: null,
  group: null,
  language: 'en',
  roles: ['admin'],
  active: true,
};

export async function runExamsCli(
  argv: string[],
  config: Config,
  out: (line: string) => void = console.log,
  clock: Clock = systemClock,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { commit: { type: 'boolean', default: false } },
  });
  const [command, file] = positionals;
  if (command !== 'import' || !file) {
    out(USAGE);
    return 2;
  }
  let csv: string;
  try {
    csv = fs.readFileSync(file, 'utf8');
  } catch (e) {
    out(`cannot read ${file}: ${(e as Error).message}`);
    return 2;
  }
  const { db } = openDatabase({
    dataDir: config.dataDir,
    databaseUrl: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
  });
  try {
    await migrate(db, config.DATABASE_SCHEMA);
    const service = new ExamImportService({
      exams: new ExamRepo(db),
      courses: new CourseRepo(db),
      clock,
      timeZone: config.TIME_ZONE,
    });
    const r = await service.run(csv, SHELL, values.commit);
    if (!r.ok) {
      out(r.message);
      return 1;
    }
    const report = r.value;
    for (const e of report.fileErrors) out(`file: ${e.code} ${e.message}`);
    for (const row of report.rows) {
      const head = `line ${row.line}: ${row.title} (${row.course}) ${row.opensAt ?? '?'} – ${row.closesAt ?? '?'}`;
      if (row.errors.length === 0) out(`${head}: ok${row.examId ? ` -> ${row.examId}` : ''}`);
      else for (const e of row.errors) out(`${head}: ${e.field}: ${e.code} (${e.message})`);
    }
    const bad = report.fileErrors.length + report.rows.filter((r) => r.errors.length).length;
    out(
      values.commit
        ? `${report.created} exam(s) created${bad ? `; nothing created: ${bad} error(s)` : ''}`
        : `${report.rows.length} row(s) read, ${bad} with errors; run with --commit to create them`,
    );
    return bad ? 1 : 0;
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] === import.meta.filename) {
  try {
    process.exitCode = await runExamsCli(process.argv.slice(2), loadConfig());
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exitCode = 2;
    } else throw e;
  }
}
