// The integrity report as a PDF in the reader's language. DejaVu Sans (from the
// dejavu-fonts-ttf package, embedded) covers Kazakh Cyrillic: Ә Ғ Қ Ң Ө Ұ Ү Һ І.
import { createRequire } from 'node:module';
import path from 'node:path';
import { isFlagCategory, warningTemplates, type FlagCategory } from '@emtihan/domain';
import type { IntegrityReportView } from '@emtihan/protocol';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT = path.join(fontDir, 'DejaVuSans.ttf');
const BOLD = path.join(fontDir, 'DejaVuSans-Bold.ttf');

export type ReportLanguage = 'kk' | 'ru' | 'en';

const T = {
  title: { kk: 'Адалдық есебі', ru: 'Отчёт о добросовестности', en: 'Integrity report' },
  exam: { kk: 'Емтихан', ru: 'Экзамен', en: 'Exam' },
  student: { kk: 'Студент', ru: 'Студент', en: 'Student' },
  group: { kk: 'Топ', ru: 'Группа', en: 'Group' },
  session: { kk: 'Сессия', ru: 'Сессия', en: 'Session' },
  status: { kk: 'Күйі', ru: 'Статус', en: 'Status' },
  generated: { kk: 'Жасалған уақыты', ru: 'Сформирован', en: 'Generated' },
  times: { kk: 'Күйлер мен уақыт', ru: 'Состояния и время', en: 'States and times' },
  checkIn: { kk: 'Тіркелу басталды', ru: 'Начало регистрации', en: 'Check-in started' },
  workStart: { kk: 'Жұмыс басталды', ru: 'Начало работы', en: 'Work started' },
  deadline: { kk: 'Мерзім', ru: 'Срок', en: 'Deadline' },
  ended: { kk: 'Жұмыс аяқталды', ru: 'Работа завершена', en: 'Work ended' },
  decided: { kk: 'Шешім қабылданды', ru: 'Решение принято', en: 'Decided' },
  score: { kk: 'Адалдық балы', ru: 'Балл добросовестности', en: 'Integrity score' },
  scoreNote: {
    kk: 'Бал — емтихан алушыға көмек, өз алдына үкім емес. 100-ден алынған ұпайлар:',
    ru: 'Балл — подсказка экзаменатору, а не вердикт. Вычтено из 100:',
    en: 'The score is an aid for the examiner, never a verdict on its own. Deducted from 100:',
  },
  band: {
    kk: { high: 'жоғары', medium: 'орташа', low: 'төмен' },
    ru: { high: 'высокий', medium: 'средний', low: 'низкий' },
    en: { high: 'high', medium: 'medium', low: 'low' },
  },
  points: { kk: 'ұпай', ru: 'балл.', en: 'points' },
  snapshot: { kk: 'сурет', ru: 'снимок', en: 'snapshot' },
  review: {
    kk: { confirm: 'расталды', dismiss: 'қабылданбады' },
    ru: { confirm: 'подтверждено', dismiss: 'отклонено' },
    en: { confirm: 'confirmed', dismiss: 'dismissed' },
  },
  timeline: { kk: 'Уақыт сызығы', ru: 'Хронология', en: 'Timeline' },
  flags: { kk: 'Белгілер', ru: 'Отметки', en: 'Flags' },
  warnings: { kk: 'Ескертулер', ru: 'Предупреждения', en: 'Warnings' },
  acknowledged: { kk: 'танысты', ru: 'подтверждено', en: 'acknowledged' },
  notAcknowledged: { kk: 'танысқан жоқ', ru: 'не подтверждено', en: 'not acknowledged' },
  proctorNote: {
    kk: 'Проктордың жазбасы',
    ru: 'Примечание проктора',
    en: "The proctor's note",
  },
  incidents: {
    kk: 'Оқиғалар және өтемақы уақыты',
    ru: 'Инциденты и компенсация',
    en: 'Incidents and compensation',
  },
  compensation: { kk: 'Берілген қосымша уақыт', ru: 'Добавлено времени', en: 'Time given back' },
  minutes: { kk: 'мин', ru: 'мин', en: 'min' },
  decisions: { kk: 'Шешімдер мен себептер', ru: 'Решения и причины', en: 'Decisions and reasons' },
  explanations: {
    kk: 'Студенттің түсініктемелері',
    ru: 'Пояснения студента',
    en: "Student's explanations",
  },
  evidence: { kk: 'Дәлелдер (SHA-256)', ru: 'Доказательства (SHA-256)', en: 'Evidence (SHA-256)' },
  audit: { kk: 'Аудит тізбегі', ru: 'Цепочка аудита', en: 'Audit chain' },
  auditOk: {
    kk: 'Тізбек тексерілді: барлық жазба бүтін',
    ru: 'Цепочка проверена: все записи целы',
    en: 'Chain verified: every entry intact',
  },
  auditBroken: {
    kk: 'Тізбек бұзылған, жазба №',
    ru: 'Цепочка нарушена на записи №',
    en: 'Chain broken at entry no.',
  },
  entries: { kk: 'жазба', ru: 'записей', en: 'entries' },
  lastHash: { kk: 'Соңғы хэш', ru: 'Последний хэш', en: 'Last hash' },
  none: { kk: 'Жоқ', ru: 'Нет', en: 'None' },
  accommodation: { kk: 'Арнайы жағдайлар', ru: 'Особые условия', en: 'Accommodations' },
  studentTime: { kk: 'Студенттің уақыты', ru: 'Время студента', en: "Student's time" },
  added: {
    kk: 'Емтихан кезінде қосылған уақыт',
    ru: 'Время, добавленное во время экзамена',
    en: 'Time added during the sitting',
  },
  breaks: { kk: 'Демалыс үзілістері', ru: 'Перерывы на отдых', en: 'Rest breaks' },
  breaksAllowed: { kk: 'рұқсат етілгені', ru: 'разрешено', en: 'allowed' },
  breaksTaken: { kk: 'алынғаны', ru: 'использовано', en: 'taken' },
  onBreak: { kk: 'әлі үзілісте', ru: 'ещё на перерыве', en: 'still on it' },
  skipped: {
    kk: 'Арнайы жағдайлар бойынша өткізілмеген тексерулер',
    ru: 'Проверки, отключённые по особым условиям',
    en: 'Checks skipped by accommodation',
  },
  skippedNote: {
    kk: 'Бұл тексерулер студенттің браузерінде іске қосылмады және белгі қоймады.',
    ru: 'Эти проверки не запускались в браузере студента и не ставили отметок.',
    en: "These checks did not run in the student's browser and raised no flags.",
  },
  seconds: { kk: 'с', ru: 'с', en: 's' },
  legalHold: {
    kk: 'Заңды сақтау: жазбалар өшірілмейді',
    ru: 'Юридическое удержание: записи не удаляются',
    en: 'Legal hold: recordings are not deleted',
  },
  kinds: {
    kk: {
      state: 'Күй',
      flag: 'Белгі',
      warning: 'Ескерту',
      acknowledgement: 'Танысу',
      incident: 'Оқиға',
      compensation: 'Өтемақы',
      decision: 'Шешім',
      connection: 'Байланыс',
      explanation: 'Түсініктеме',
      accommodation: 'Ерекше жағдайлар',
    },
    ru: {
      state: 'Состояние',
      flag: 'Отметка',
      warning: 'Предупреждение',
      acknowledgement: 'Подтверждение',
      incident: 'Инцидент',
      compensation: 'Компенсация',
      decision: 'Решение',
      connection: 'Связь',
      explanation: 'Пояснение',
      accommodation: 'Особые условия',
    },
    en: {
      state: 'State',
      flag: 'Flag',
      warning: 'Warning',
      acknowledgement: 'Acknowledgement',
      incident: 'Incident',
      compensation: 'Compensation',
      decision: 'Decision',
      connection: 'Connection',
      explanation: 'Explanation',
      accommodation: 'Accommodation',
    },
  },
} as const;

/** Flag categories by name, as the web shows them (flags.category; report.pdf.test.ts keeps them equal). */
export const CATEGORY: Record<FlagCategory, Record<ReportLanguage, string>> = {
  tab_switch: {
    kk: 'Емтихан бетінен кету',
    ru: 'Уход со страницы экзамена',
    en: 'Leaving the exam page',
  },
  headphones: { kk: 'Құлаққап', ru: 'Наушники', en: 'Headphones' },
  third_person: { kk: 'Бөгде адам', ru: 'Посторонний человек', en: 'Another person' },
  cheat_sheet: { kk: 'Шпаргалка', ru: 'Шпаргалка', en: 'Cheat sheet' },
  phone_call: { kk: 'Телефон', ru: 'Телефон', en: 'Phone' },
  left_without_warning: {
    kk: 'Ескертусіз кетті',
    ru: 'Ушёл без предупреждения',
    en: 'Left without warning',
  },
  face_absent: { kk: 'Камерада бет жоқ', ru: 'Нет лица в камере', en: 'No face on camera' },
  multiple_faces: { kk: 'Бірнеше бет', ru: 'Несколько лиц', en: 'Several faces' },
  looking_away: { kk: 'Басқа жаққа қарайды', ru: 'Смотрит в сторону', en: 'Looking away' },
  speech: { kk: 'Дауыстар', ru: 'Голоса', en: 'Voices' },
  screen_share_stopped: {
    kk: 'Экранды көрсету тоқтады',
    ru: 'Демонстрация экрана остановлена',
    en: 'Screen sharing stopped',
  },
  not_entire_screen: {
    kk: 'Бүкіл экран көрсетілмеген',
    ru: 'Показан не весь экран',
    en: 'Not the entire screen shared',
  },
  camera_off: { kk: 'Камера өшірулі', ru: 'Камера выключена', en: 'Camera off' },
  microphone_off: { kk: 'Микрофон өшірулі', ru: 'Микрофон выключен', en: 'Microphone off' },
  second_display: { kk: 'Екінші монитор', ru: 'Второй монитор', en: 'Second display' },
  virtual_camera: { kk: 'Виртуалды камера', ru: 'Виртуальная камера', en: 'Virtual camera' },
  identity_mismatch: {
    kk: 'Бет құжатқа сәйкес келмейді',
    ru: 'Лицо не совпадает с документом',
    en: 'Face does not match the ID',
  },
  copy_paste: { kk: 'Көшіру немесе қою', ru: 'Копирование или вставка', en: 'Copy or paste' },
  connection_lost: { kk: 'Байланыс үзілді', ru: 'Связь потеряна', en: 'Connection lost' },
  context_menu: {
    kk: 'Контекстік мәзір ашылды',
    ru: 'Открыто контекстное меню',
    en: 'Context menu opened',
  },
  virtual_machine: {
    kk: 'Виртуалды машина (әлсіз белгі)',
    ru: 'Виртуальная машина (слабый признак)',
    en: 'Virtual machine (weak evidence)',
  },
  detection_degraded: {
    kk: 'Автоматты тексеру әлсіреді',
    ru: 'Автоматическая проверка ослаблена',
    en: 'Detection degraded',
  },
  warning_unacknowledged: {
    kk: 'Ескерту расталмады',
    ru: 'Предупреждение не подтверждено',
    en: 'Warning not acknowledged',
  },
  second_camera_paused: {
    kk: 'Телефон камерасы тоқтады',
    ru: 'Камера телефона приостановлена',
    en: 'Phone camera paused',
  },
  second_camera_lost: {
    kk: 'Телефон камерасы жоғалды',
    ru: 'Камера телефона потеряна',
    en: 'Phone camera lost',
  },
};

/** The automatic checks by name, as the exam form names them (authoring.proctoring.check). */
export const CHECK: Record<string, Record<ReportLanguage, string>> = {
  faces: {
    kk: 'Беттер (ешкім жоқ немесе біреуден көп)',
    ru: 'Лица (никого нет или больше одного)',
    en: 'Faces (nobody, or more than one)',
  },
  headPose: { kk: 'Басқа жаққа қарау', ru: 'Взгляд в сторону', en: 'Looking away' },
  objects: {
    kk: 'Телефондар, кітаптар, басқа экрандар',
    ru: 'Телефоны, книги, другие экраны',
    en: 'Phones, books, other screens',
  },
  speech: { kk: 'Сөйлеу', ru: 'Речь', en: 'Speech' },
  browser: {
    kk: 'Браузер сигналдары (қойындылар, фокус, құрылғылар)',
    ru: 'Сигналы браузера (вкладки, фокус, устройства)',
    en: 'Browser signals (tabs, focus, devices)',
  },
};

export const SEVERITY: Record<'minor' | 'gross', Record<ReportLanguage, string>> = {
  minor: { kk: 'жеңіл', ru: 'незначительная', en: 'minor' },
  gross: { kk: 'өрескел', ru: 'грубая', en: 'gross' },
};

/** A category's name in the reader's language (a code the table lacks is shown as it is). */
const categoryName = (category: string, lang: ReportLanguage) =>
  CATEGORY[category as FlagCategory]?.[lang] ?? category;
/** What the student was shown: the category's template, then the proctor's own note. */
const warningWords = (w: { category: string; note: string | null }, lang: ReportLanguage) => {
  const template = isFlagCategory(w.category) ? `: «${warningTemplates[w.category][lang]}»` : '';
  const note = w.note?.trim();
  return `${template}${note ? `${template ? ' ' : ': '}${T.proctorNote[lang]}: «${note}»` : ''}`;
};
const severityName = (severity: string, lang: ReportLanguage) =>
  SEVERITY[severity as 'minor' | 'gross']?.[lang] ?? severity;

const text = (key: Exclude<keyof typeof T, 'band' | 'kinds' | 'review'>, lang: ReportLanguage) =>
  T[key][lang];

const LOCALE: Record<ReportLanguage, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

/** A span of time as the student's clock says it: "67 min 30 s", "45 min". */
export function duration(ms: number, lang: ReportLanguage): string {
  const total = Math.round(ms / 1000);
  const m = Math.floor(total / 60);
  const s = total % 60;
  const min = `${m} ${text('minutes', lang)}`;
  return s === 0 ? min : `${min} ${s} ${text('seconds', lang)}`;
}

/** The student's time and how it came: "67 min 30 s (45 min × 1.5)". */
export function studentTime(
  a: NonNullable<IntegrityReportView['accommodation']>,
  lang: ReportLanguage,
): string {
  const parts: string[] = [];
  if (a.timeFactor !== 1) {
    const factor = a.timeFactor.toLocaleString(LOCALE[lang], { maximumFractionDigits: 2 });
    parts.push(`${a.examMinutes} ${text('minutes', lang)} × ${factor}`);
  } else {
    parts.push(`${a.examMinutes} ${text('minutes', lang)}`);
  }
  if (a.extraMinutes > 0) parts.push(`${a.extraMinutes} ${text('minutes', lang)}`);
  const how = parts.join(' + ');
  return how === `${a.examMinutes} ${text('minutes', lang)}`
    ? duration(a.workMs, lang)
    : `${duration(a.workMs, lang)} (${how})`;
}

function when(t: number | null, lang: ReportLanguage): string {
  if (t === null) return '—';
  const locale = lang === 'kk' ? 'kk-KZ' : lang === 'ru' ? 'ru-RU' : 'en-GB';
  return new Date(t).toLocaleString(locale, { timeZone: 'Asia/Almaty' }) + ' (Asia/Almaty)';
}

/** Size of a flag's snapshot beside its line, in points (a 4:3 picture fits). */
const THUMB = { width: 96, height: 72, gap: 10 };

/**
 * The report as a PDF. `snapshots` holds the JPEG of each flag that has one (by file id): it is
 * drawn small beside the flag, so the reader sees what the detector saw.
 */
export async function reportPdf(
  r: IntegrityReportView,
  lang: ReportLanguage,
  snapshots: ReadonlyMap<string, Uint8Array> = new Map(),
): Promise<Buffer> {
  // PDFKit and its font engine are loaded with the first document, not with the server.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: `${T.title[lang]} — ${r.session.student.fullName}`, Author: 'Emtihan' },
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );

  const h = (s: string) => doc.moveDown(0.6).font('bold').fontSize(13).text(s).moveDown(0.2);
  const p = (s: string, size = 10) => doc.font('body').fontSize(size).text(s);
  const kv = (k: string, v: string) =>
    doc.font('bold').fontSize(10).text(`${k}: `, { continued: true }).font('body').text(v);

  doc.font('bold').fontSize(18).text(T.title[lang]);
  doc.moveDown(0.4);
  kv(text('exam', lang), r.session.examTitle);
  kv(text('student', lang), `${r.session.student.fullName} (${r.session.student.login})`);
  if (r.session.student.group) kv(text('group', lang), r.session.student.group);
  kv(text('session', lang), r.session.id);
  kv(text('status', lang), r.session.status);
  kv(text('generated', lang), when(Date.parse(r.generatedAt), lang));
  if (r.legalHold) p(text('legalHold', lang));

  h(text('times', lang));
  kv(text('checkIn', lang), when(r.session.checkInStartedAt, lang));
  kv(text('workStart', lang), when(r.session.workStartedAt, lang));
  kv(text('deadline', lang), when(r.session.deadline, lang));
  kv(text('ended', lang), when(r.session.endedAt, lang));
  kv(text('decided', lang), when(r.session.decidedAt, lang));

  h(`${text('score', lang)}: ${r.score.score} / 100 (${T.band[lang][r.score.band]})`);
  p(text('scoreNote', lang));
  if (r.score.contributions.length === 0) p(`— ${text('none', lang)}`);
  for (const c of r.score.contributions) {
    const what = [
      c.source,
      typeof c.category === 'string' ? categoryName(c.category, lang) : null,
      typeof c.severity === 'string' ? severityName(c.severity, lang) : null,
    ]
      .filter(Boolean)
      .join(' · ');
    p(`— ${what}: ${String(c.count)} → −${String(c.points)} ${text('points', lang)}`);
  }

  h(text('flags', lang));
  if (r.flags.length === 0) p(text('none', lang));
  for (const f of r.flags) {
    const line = `${when(f.startAt, lang)} — ${categoryName(f.category, lang)} (${severityName(f.severity, lang)})${
      f.review ? ` — ${T.review[lang][f.review.decision]}: ${f.review.note}` : ''
    }`;
    const jpeg = f.evidenceFileId ? snapshots.get(f.evidenceFileId) : undefined;
    if (!jpeg) {
      p(`${line}${f.evidenceFileId ? ` — ${text('snapshot', lang)} ${f.evidenceFileId}` : ''}`);
      continue;
    }
    // The picture on the left, the flag's line beside it; a new page when both do not fit.
    const bottom = doc.page.height - doc.page.margins.bottom;
    if (doc.y + THUMB.height > bottom) doc.addPage();
    const x = doc.page.margins.left;
    const top = doc.y + 4;
    const textX = x + THUMB.width + THUMB.gap;
    const textWidth = doc.page.width - doc.page.margins.right - textX;
    try {
      doc.image(Buffer.from(jpeg), x, top, { fit: [THUMB.width, THUMB.height] });
    } catch {
      // A snapshot pdfkit cannot read: the line stands without it.
    }
    doc
      .font('body')
      .fontSize(10)
      .text(line, textX, top, { width: textWidth })
      .fontSize(8)
      .text(`${text('snapshot', lang)}: ${f.evidenceFileId}`, textX, doc.y, { width: textWidth });
    doc.x = x;
    doc.y = Math.max(doc.y, top + THUMB.height) + 6;
  }

  h(text('warnings', lang));
  if (r.warnings.length === 0) p(text('none', lang));
  for (const w of r.warnings)
    p(
      `${when(w.issuedAt, lang)} — ${categoryName(w.category, lang)}${warningWords(w, lang)} — ${
        w.acknowledgedAt !== null
          ? `${text('acknowledged', lang)} ${when(w.acknowledgedAt, lang)}`
          : text('notAcknowledged', lang)
      }`,
    );

  h(text('incidents', lang));
  if (r.incidents.length === 0) p(text('none', lang));
  for (const i of r.incidents)
    p(
      `${when(i.startedAt, lang)} — ${i.kind} (${i.reportedBy})${i.note ? `: ${i.note}` : ''}; ${text('compensation', lang)}: ${Math.round(i.compensatedMs / 60000)} ${text('minutes', lang)}`,
    );
  kv(
    text('compensation', lang),
    `${Math.round(r.compensationMs / 60000)} ${text('minutes', lang)}`,
  );

  if (r.accommodation) {
    const a = r.accommodation;
    h(text('accommodation', lang));
    kv(text('studentTime', lang), studentTime(a, lang));
    kv(text('added', lang), a.added.length === 0 ? text('none', lang) : '');
    for (const x of a.added) {
      const by = x.by.name ? `${x.by.name} (${x.by.role})` : x.by.role;
      p(`+${x.minutes} ${text('minutes', lang)} — ${when(x.at, lang)} — ${by}: ${x.reason}`);
    }
    if (a.breakMinutes > 0 || a.breaks.length > 0) {
      kv(
        text('breaks', lang),
        `${text('breaksAllowed', lang)} ${a.breakMinutes} ${text('minutes', lang)}, ${text('breaksTaken', lang)} ${duration(a.breakTakenMs, lang)}`,
      );
      for (const b of a.breaks) {
        p(
          b.endedAt === null
            ? `${when(b.startedAt, lang)} — ${text('onBreak', lang)}`
            : `${when(b.startedAt, lang)} — ${when(b.endedAt, lang)} (${duration(b.endedAt - b.startedAt, lang)})`,
        );
      }
    }
    kv(
      text('skipped', lang),
      a.skippedChecks.length === 0
        ? text('none', lang)
        : a.skippedChecks.map((c) => CHECK[c]?.[lang] ?? c).join('; '),
    );
    if (a.skippedChecks.length > 0) p(text('skippedNote', lang), 9);
  }

  h(text('decisions', lang));
  const decisions = r.timeline.filter((i) => i.kind === 'decision');
  if (decisions.length === 0) p(text('none', lang));
  for (const d of decisions) {
    const reason = (d.detail.reason ?? d.detail.note ?? '') as string;
    p(
      `${when(d.at, lang)} — ${d.type.replace('written.', '')} (${d.actor})${reason ? `: ${reason}` : ''}`,
    );
  }

  h(text('explanations', lang));
  if (r.explanations.length === 0) p(text('none', lang));
  for (const x of r.explanations)
    p(`${when(Date.parse(x.createdAt), lang)} — ${x.target}: ${x.body}`);

  h(text('timeline', lang));
  for (const i of r.timeline)
    p(`${when(i.at, lang)} — ${T.kinds[lang][i.kind]}: ${i.type} (${i.actor})`, 9);

  h(text('audit', lang));
  p(
    r.audit.verification.ok
      ? `${text('auditOk', lang)} (${r.audit.entries} ${text('entries', lang)})`
      : `${text('auditBroken', lang)} ${r.audit.verification.brokenAt}`,
  );
  if (r.audit.lastHash) p(`${text('lastHash', lang)}: ${r.audit.lastHash}`, 8);

  h(text('evidence', lang));
  if (r.evidence.length === 0) p(text('none', lang));
  for (const e of r.evidence)
    p(`${e.track} #${e.seq} · ${e.size} B · ${e.sha256}${e.deletedAt ? ' · deleted' : ''}`, 7);

  doc.end();
  return done;
}
