// The examination protocol of one oral slot as a PDF, in kk, ru or en. DejaVu Sans carries the
// Kazakh letters (ә ғ қ ң ө ұ ү һ і); the font comes from the dejavu-fonts-ttf package.
import { createRequire } from 'node:module';
import path from 'node:path';
import { formatMark, type OralScaleId } from '@emtihan/domain';
import type { Language, OralRoomView } from '@emtihan/protocol';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

const TEXT: Record<Language, Record<string, string>> = {
  kk: {
    title: 'Ауызша емтихан хаттамасы',
    exam: 'Емтихан',
    course: 'Курс',
    slot: 'Уақыты',
    commission: 'Комиссия',
    scale: 'Бағалау шкаласы',
    student: 'Білімгер',
    ticket: 'Билет',
    marks: 'Комиссия бағалары',
    final: 'Қорытынды баға',
    status: 'Күйі',
    signature: 'Комиссия мүшелерінің қолы',
    generated: 'Жасалған уақыты',
    recordings: 'Жазбалар (дәлел ретінде сақталған, SHA-256)',
    camera: 'камера мен дыбыс',
    screen: 'экран',
    seconds: 'с',
    'kz-letter-100': '100 балдық (әріптік бағамен)',
    'five-point': '5 балдық',
    not_joined: 'келмеді',
    waiting_room: 'күту залында',
    identity_check: 'жеке басын тексеру',
    ticket_drawn: 'билет алды',
    answering: 'жауап беріп жатыр',
    graded: 'бағаланды',
    terminated: 'тоқтатылды',
    annulled: 'жойылды',
  },
  ru: {
    title: 'Протокол устного экзамена',
    exam: 'Экзамен',
    course: 'Курс',
    slot: 'Время',
    commission: 'Комиссия',
    scale: 'Шкала оценивания',
    student: 'Студент',
    ticket: 'Билет',
    marks: 'Оценки членов комиссии',
    final: 'Итоговая оценка',
    status: 'Состояние',
    signature: 'Подписи членов комиссии',
    generated: 'Сформирован',
    recordings: 'Записи (хранятся как доказательства, SHA-256)',
    camera: 'камера и звук',
    screen: 'экран',
    seconds: 'с',
    'kz-letter-100': '100-балльная (с буквенной оценкой)',
    'five-point': '5-балльная',
    not_joined: 'не явился',
    waiting_room: 'в зале ожидания',
    identity_check: 'проверка личности',
    ticket_drawn: 'билет вытянут',
    answering: 'отвечает',
    graded: 'оценён',
    terminated: 'остановлен',
    annulled: 'аннулирован',
  },
  en: {
    title: 'Oral examination protocol',
    exam: 'Exam',
    course: 'Course',
    slot: 'Time',
    commission: 'Commission',
    scale: 'Grading scale',
    student: 'Student',
    ticket: 'Ticket',
    marks: 'Commission’s marks',
    final: 'Final grade',
    status: 'Status',
    signature: 'Signatures of the commission',
    generated: 'Generated',
    recordings: 'Recordings (kept as evidence, SHA-256)',
    camera: 'camera and sound',
    screen: 'screen',
    seconds: 's',
    'kz-letter-100': '100-point (with letter grades)',
    'five-point': '5-point',
    not_joined: 'did not attend',
    waiting_room: 'in the waiting room',
    identity_check: 'identity check',
    ticket_drawn: 'ticket drawn',
    answering: 'answering',
    graded: 'graded',
    terminated: 'stopped',
    annulled: 'annulled',
  },
};

const fmt = (iso: string | number) => {
  const d = new Date(iso);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
};

export async function renderOralProtocol(
  room: OralRoomView,
  opts: { lang: Language; courseTitle: string; now: number },
): Promise<Uint8Array> {
  // PDFKit and its font engine are loaded with the first document, not with the server.
  const { default: PDFDocument } = await import('pdfkit');
  const t = TEXT[opts.lang];
  const scale = room.slot.scale as OralScaleId;
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: t.title } });
  doc.registerFont('body', path.join(fontDir, 'DejaVuSans.ttf'));
  doc.registerFont('bold', path.join(fontDir, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });

  doc.font('bold').fontSize(16).text(t.title!, { align: 'center' }).moveDown();
  const line = (label: string, value: string) =>
    doc.font('bold').fontSize(11).text(`${label}: `, { continued: true }).font('body').text(value);
  line(t.exam!, room.slot.examTitle);
  if (opts.courseTitle) line(t.course!, opts.courseTitle);
  const end = Date.parse(room.slot.startsAt) + room.slot.lengthMinutes * 60_000;
  line(t.slot!, `${fmt(room.slot.startsAt)} – ${fmt(end).slice(11)}`);
  line(t.commission!, room.slot.examiners.map((e) => e.fullName).join(', '));
  line(t.scale!, t[scale]!);
  doc.moveDown();

  const examinerName = (id: string) => room.slot.examiners.find((e) => e.id === id)?.fullName ?? id;
  room.turns.forEach((turn, i) => {
    doc
      .font('bold')
      .fontSize(12)
      .text(`${i + 1}. ${t.student}: ${turn.fullName}`);
    doc.font('body').fontSize(10);
    doc.text(`${t.status}: ${t[turn.status] ?? turn.status}`);
    if (turn.ticket) {
      doc.text(`${t.ticket} № ${turn.ticket.number}:`);
      turn.ticket.questions.forEach((q, k) => doc.text(`   ${k + 1}) ${q}`));
    }
    if (turn.grades.length) {
      doc.text(
        `${t.marks}: ${turn.grades.map((g) => `${examinerName(g.examinerId)} — ${formatMark(scale, g.mark)}`).join('; ')}`,
      );
    }
    if (turn.finalMark !== null) {
      doc
        .font('bold')
        .text(`${t.final}: ${formatMark(scale, turn.finalMark)}`)
        .font('body');
    }
    if (turn.endReason) doc.text(turn.endReason);
    if (turn.recordings.length) {
      doc.text(`${t.recordings}:`);
      for (const r of turn.recordings) {
        const kind = r.track === 'screen' ? t.screen : t.camera;
        const length = `${Math.round(r.durationMs / 1000)} ${t.seconds}`;
        doc.text(`   ${kind} #${r.seq + 1}, ${fmt(r.startedAt)}, ${length}:`);
        doc.fontSize(8).text(`      ${r.sha256}`).fontSize(10);
      }
    }
    doc.moveDown(0.7);
  });

  doc.moveDown().font('bold').fontSize(11).text(`${t.signature}:`).font('body');
  for (const e of room.slot.examiners)
    doc.text(`${e.fullName}  ____________________`).moveDown(0.3);
  doc
    .moveDown()
    .fontSize(8)
    .fillColor('gray')
    .text(`${t.generated}: ${fmt(opts.now)}`);
  doc.end();
  return done;
}
