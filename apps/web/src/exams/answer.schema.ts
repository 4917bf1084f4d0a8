// The one schema of a written answer (ADR 0011): what the student's editor can produce and the
// only thing any read-only view renders. Anything else in a stored body (scripts, event
// attributes, images, styles) is dropped when it is parsed into this schema.
import type { AnyExtension, Editor } from '@tiptap/core';
import { Link } from '@mantine/tiptap';
import StarterKit from '@tiptap/starter-kit';

export function answerExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3] },
      codeBlock: false,
      // Mantine's Link (tiptap's, with its keyboard shortcut) is added below instead.
      link: false,
    }),
    Link.configure({
      openOnClick: false,
      autolink: true,
      protocols: ['http', 'https', 'mailto'],
      defaultProtocol: 'https',
      HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: '_blank' },
    }),
  ];
}

/**
 * The plain answer of an exam without rich text (`settings.answer.richText` false): paragraphs
 * and line breaks only, so neither a shortcut nor a paste brings formatting in.
 */
export function plainAnswerExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      blockquote: false,
      bold: false,
      bulletList: false,
      code: false,
      codeBlock: false,
      heading: false,
      horizontalRule: false,
      italic: false,
      listItem: false,
      listKeymap: false,
      link: false,
      orderedList: false,
      strike: false,
      underline: false,
    }),
  ];
}

/** Parse options shared by the editor and the viewer: spaces are the student's, kept as typed. */
export const ANSWER_PARSE_OPTIONS = { preserveWhitespace: 'full' } as const;

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A stored body as editor content. Answers are HTML from `answerExtensions`; a body that is not
 * HTML (saved before the rich-text editor, or by the API) is plain text: one paragraph a line.
 */
export function toEditorContent(body: string): string {
  if (body === '' || body.trimStart().startsWith('<')) return body;
  return body
    .split(/\r?\n/)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}

/** What is stored for the editor's document: its HTML, or '' when nothing is written. */
export function storedBody(editor: Editor): string {
  return editor.isEmpty ? '' : editor.getHTML();
}

/** How many characters of text a stored body shows (for "n characters"; never for limits). */
export function answerTextLength(body: string): number {
  if (!body.trimStart().startsWith('<')) return body.length;
  // DOMParser builds an inert document: nothing in it runs or loads.
  return new DOMParser().parseFromString(body, 'text/html').body.textContent?.length ?? 0;
}
