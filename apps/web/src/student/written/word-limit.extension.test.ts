import { describe, expect, it } from 'vitest';
import { answerWordCount } from '@emtihan/domain';
import { getSchema } from '@tiptap/core';
import { EditorState } from '@tiptap/pm/state';
import { answerExtensions } from '../../exams/answer.schema';
import { documentWords, wordLimitPlugin } from './word-limit.extension';

const schema = getSchema(answerExtensions());
const p = (...content: ReturnType<typeof schema.text>[]) => schema.node('paragraph', null, content);
const text = (s: string) => schema.text(s);

function editorAt(limit: number, ...paragraphs: string[]) {
  let refused = 0;
  let state = EditorState.create({
    doc: schema.node(
      'doc',
      null,
      paragraphs.map((s) => p(text(s))),
    ),
    plugins: [wordLimitPlugin(limit, () => (refused += 1))],
  });
  return {
    type(s: string) {
      const next = state.applyTransaction(state.tr.insertText(s, state.doc.content.size - 1));
      state = next.state;
    },
    deleteLast(n: number) {
      const end = state.doc.content.size - 1;
      state = state.applyTransaction(state.tr.delete(end - n, end)).state;
    },
    words: () => documentWords(state.doc),
    text: () => state.doc.textContent,
    refused: () => refused,
  };
}

describe('the word limit in the editor', () => {
  it('counts the document as the server counts its HTML', () => {
    const doc = schema.node('doc', null, [
      p(text('Бірінші '), schema.text('сөйлем', [schema.marks.bold!.create()])),
      p(text('екінші'), schema.node('hardBreak'), text('жол — соңы')),
    ]);
    const html = '<p>Бірінші <strong>сөйлем</strong></p><p>екінші<br>жол — соңы</p>';
    expect(documentWords(doc)).toBe(5);
    expect(answerWordCount(html)).toBe(5);
  });

  it('lets the student type up to the limit and stops the word after it', () => {
    const editor = editorAt(3, 'бір екі');
    editor.type(' үш');
    expect(editor.words()).toBe(3);
    editor.type(' ');
    expect(editor.refused()).toBe(0);
    editor.type('т');
    expect(editor.refused()).toBe(1);
    expect(editor.text()).toBe('бір екі үш ');
    editor.type('ө');
    expect(editor.words()).toBe(3);
  });

  it('an answer already over the limit can still be edited and shortened, not lengthened', () => {
    const editor = editorAt(2, 'бір екі үш');
    editor.type('!');
    expect(editor.text()).toBe('бір екі үш!');
    editor.type(' төрт');
    expect(editor.refused()).toBe(1);
    editor.deleteLast(4);
    expect(editor.words()).toBe(2);
  });
});
