// A written answer, read-only: parsed into the answer schema by tiptap and rendered by
// ProseMirror, never put into the page as raw HTML. For the student's receipt and any staff view.
import '@mantine/tiptap/styles.css';
import { RichTextEditor } from '@mantine/tiptap';
import { useEditor } from '@tiptap/react';
import { useEffect, useMemo } from 'react';
import { ANSWER_PARSE_OPTIONS, answerExtensions, toEditorContent } from './answer.schema';

export function AnswerView({ body, label }: { body: string; label: string }) {
  const extensions = useMemo(() => answerExtensions(), []);
  const editor = useEditor({
    extensions,
    content: toEditorContent(body),
    parseOptions: ANSWER_PARSE_OPTIONS,
    editable: false,
    immediatelyRender: true,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-readonly': 'true',
        'aria-multiline': 'true',
        'aria-label': label,
      },
    },
  });
  useEffect(() => {
    if (!editor) return;
    editor.setOptions({
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-readonly': 'true',
          'aria-multiline': 'true',
          'aria-label': label,
        },
      },
    });
  }, [editor, label]);
  useEffect(() => {
    if (editor && !editor.isDestroyed)
      editor.commands.setContent(toEditorContent(body), {
        emitUpdate: false,
        parseOptions: ANSWER_PARSE_OPTIONS,
      });
  }, [editor, body]);
  return (
    <RichTextEditor editor={editor} variant="subtle">
      <RichTextEditor.Content />
    </RichTextEditor>
  );
}
