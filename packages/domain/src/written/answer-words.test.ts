import { describe, expect, it } from 'vitest';
import { answerText, answerWordCount, countWords, withinWordLimit } from './answer-words.ts';

describe('words in a written answer', () => {
  it.each([
    ['', 0],
    ['<p></p>', 0],
    ['<p>Алматы, Астана, Шымкент</p>', 3],
    ['<p>one</p><p>two</p>', 2],
    ['<p>one<br>two</p>', 2],
    ['<h2>Title</h2><ul><li><p>a</p></li><li><p>b</p></li></ul>', 3],
    ['<p><strong>wo</strong>rd</p>', 1],
    ['<p>a <em>b</em> <a href="https://x.kz">c</a></p>', 3],
    ['<p>Қазақстан — ең ірі ел</p>', 4],
    ['<p>2026-жылы 15 қаңтар</p>', 3],
    ['<p>one&nbsp;two</p>', 2],
    ['<p>&lt;tag&gt; &amp; &#8212; &#x41;</p>', 2],
    ['<p>  many   spaces\tand\nlines  </p>', 4],
  ])('%j has %i words', (html, n) => {
    expect(answerWordCount(html)).toBe(n);
  });

  it('reads entities as the characters they stand for', () => {
    expect(answerText('<p>a&amp;b &quot;c&quot; &#1178;</p>').trim()).toBe('a&b "c" Қ');
    expect(answerText('<p>&bogus; &#xFFFFFFF;</p>').trim()).toBe('&bogus; &#xFFFFFFF;');
  });

  it('counts plain text the same way as the HTML that holds it', () => {
    const text = 'Бірінші сөйлем. Екінші — сөйлем, 3 сөз!';
    expect(countWords(text)).toBe(6);
    expect(answerWordCount(`<p>${text}</p>`)).toBe(6);
  });

  it('keeps an answer within a limit, or any answer without one', () => {
    const twelve = `<p>${Array.from({ length: 12 }, (_, i) => `w${i}`).join(' ')}</p>`;
    expect(withinWordLimit(twelve, 12)).toBe(true);
    expect(withinWordLimit(twelve, 11)).toBe(false);
    expect(withinWordLimit(twelve, null)).toBe(true);
  });
});
