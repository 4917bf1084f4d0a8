// The exam's word limit in the editor (`settings.answer.wordLimit`): a change that would take
// the answer over the limit is not made, so the answer never holds more words than allowed
// (the server refuses such a save too). Words are counted as the server counts them, on the
// document's text with blocks and line breaks as spaces (the domain's `countWords`).
import { countWords } from '@emtihan/domain';
import { Extension } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';

/** The words of an editor document, counted like its stored HTML (`answerWordCount`). */
export const documentWords = (doc: PmNode): number =>
  countWords(doc.textBetween(0, doc.content.size, ' ', ' '));

export interface WordLimitOptions {
  limit: number;
  /** Called when a change is not made because it would go over the limit. */
  onRefused: () => void;
}

/** The ProseMirror plugin that stops a change taking the document over `limit` words. */
export function wordLimitPlugin(limit: number, onRefused: () => void): Plugin {
  return new Plugin({
    key: new PluginKey('wordLimit'),
    filterTransaction(tr, state) {
      if (!tr.docChanged) return true;
      const after = documentWords(tr.doc);
      // Within the limit, or no more words than before (an answer loaded over the limit can
      // still be edited and shortened).
      if (after <= limit || after <= documentWords(state.doc)) return true;
      onRefused();
      return false;
    },
  });
}

export const WordLimit = Extension.create<WordLimitOptions>({
  name: 'wordLimit',
  addOptions: () => ({ limit: Number.POSITIVE_INFINITY, onRefused: () => {} }),
  addProseMirrorPlugins() {
    return [wordLimitPlugin(this.options.limit, this.options.onRefused)];
  },
});
