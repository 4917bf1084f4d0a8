import { describe, expect, it } from 'vitest';
import { attachmentProblem, nameProblem } from './check-in.rules';

const ROSTER = 'Әлібекова Аружан Қайратқызы';

describe('the typed name is compared with the roster before it is sent', () => {
  it('the exact name, other letter case, extra spaces or Latin look-alikes match', () => {
    expect(nameProblem(ROSTER, ROSTER)).toBeNull();
    expect(nameProblem('  әлібековa   aружан ҚАЙРАТҚЫЗЫ ', ROSTER)).toBeNull();
  });

  it('a mismatch says what matches and where it stops (Russian и for Kazakh і)', () => {
    expect(nameProblem('Әлибекова Аружан Қайратқызы', ROSTER)).toEqual({
      matchedPart: 'Әл',
      at: 3,
    });
  });

  it('К for Қ is a different letter, not a look-alike', () => {
    expect(nameProblem('Әлібекова Аружан Кайратқызы', ROSTER)).toEqual({
      matchedPart: 'Әлібекова Аружан ',
      at: 18,
    });
  });

  it('a name wrong from its first letter matches nothing', () => {
    expect(nameProblem('Алибекова', ROSTER)).toEqual({ matchedPart: '', at: 1 });
  });

  it('a missing patronymic stops at the end of what was typed', () => {
    expect(nameProblem('Әлібекова Аружан', ROSTER)).toEqual({
      matchedPart: 'Әлібекова Аружан',
      at: 17,
    });
  });
});

describe('a chosen file is checked against the exam’s limits before it is sent', () => {
  const limits = { maxFiles: 2, maxBytes: 1024 * 1024 };
  it.each([
    [{ name: 'a.pdf', type: 'application/pdf', size: 1000 }, 0, null],
    [{ name: 'a.exe', type: 'application/x-msdownload', size: 1000 }, 0, 'type'],
    [{ name: 'a', type: '', size: 1000 }, 0, 'type'],
    [{ name: 'a.txt', type: 'text/plain', size: 0 }, 0, 'empty'],
    [{ name: 'a.png', type: 'image/png', size: 1024 * 1024 + 1 }, 0, 'size'],
    [{ name: 'a.png', type: 'image/png', size: 10 }, 2, 'count'],
  ])('%o with %i attached: %s', (file, attached, problem) => {
    expect(attachmentProblem(file, limits, attached)).toBe(problem);
  });

  it('the domain’s 20 MB cap holds even when the exam allows more', () => {
    const generous = { maxFiles: 5, maxBytes: 100 * 1024 * 1024 };
    expect(
      attachmentProblem(
        { name: 'a.pdf', type: 'application/pdf', size: 21 * 1024 * 1024 },
        generous,
        0,
      ),
    ).toBe('size');
  });

  it('an exam that allows only some types refuses the others, by name and content type', () => {
    const pdfOnly = ['pdf'] as const;
    const check = (name: string, type: string) =>
      attachmentProblem({ name, type, size: 10 }, limits, 0, pdfOnly);
    expect(check('essay.pdf', 'application/pdf')).toBe(null);
    expect(check('notes.txt', 'text/plain')).toBe('exam-type');
    expect(check('notes.pdf', 'text/plain')).toBe('exam-type');
    expect(attachmentProblem({ name: 'n.txt', type: 'text/plain', size: 10 }, limits, 0, [])).toBe(
      null,
    );
  });
});
