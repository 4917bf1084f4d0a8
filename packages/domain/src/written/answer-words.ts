/**
 * Words in a written answer, for the exam's word limit (`settings.answer.wordLimit`). The same
 * count runs in the student's editor (to stop typing at the limit) and on the server (to refuse
 * a save over it), so both must agree: the answer's HTML is read as text here, without a DOM.
 *
 * A word is a run of non-space characters with at least one letter or digit: "Алматы," and
 * "2026-жылы" are one word each; a lone "—" or "•" is not a word. Block elements and line
 * breaks separate words ("<p>a</p><p>b</p>" is two), inline marks do not ("<b>wo</b>rd" is one).
 */

/** Elements whose edges end a word: the answer schema's blocks, and line breaks. */
const BLOCK = /<\/?(?:p|div|h[1-6]|li|ul|ol|blockquote|pre|br|hr|table|tr|td|th)\b[^>]*>/gi;
const TAG = /<[^>]*>/g;
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};
const ENTITY = /&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi;
const WORD = /[\p{L}\p{N}]/u;

function decode(entity: string, body: string): string {
  if (body[0] === '#') {
    const code =
      body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1));
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff
      ? String.fromCodePoint(code)
      : entity;
  }
  return NAMED[body.toLowerCase()] ?? entity;
}

/** The text of an answer's HTML, with blocks and line breaks turned into spaces. */
export function answerText(html: string): string {
  return html.replace(BLOCK, ' ').replace(TAG, '').replace(ENTITY, decode);
}

/** Words in plain text (see the module's comment for what a word is). */
export function countWords(text: string): number {
  let n = 0;
  for (const token of text.split(/\s+/u)) if (WORD.test(token)) n += 1;
  return n;
}

/** Words in an answer's HTML. */
export const answerWordCount = (html: string): number => countWords(answerText(html));

/** Whether an answer keeps within the exam's word limit (null: no limit). */
export const withinWordLimit = (html: string, limit: number | null): boolean =>
  limit === null || answerWordCount(html) <= limit;
