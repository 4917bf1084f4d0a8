// A rich-text field of the exam form (instructions, task): the answer editor's schema and toolbar,
// so students read exactly what the examiner wrote (ADR 0011).
import '@mantine/tiptap/styles.css';
import { Input, Stack } from '@mantine/core';
import { RichTextEditor } from '@mantine/tiptap';
import { useEditor } from '@tiptap/react';
import { useEffect, useId, useMemo, useRef } from 'react';
import {
  ANSWER_PARSE_OPTIONS,
  answerExtensions,
  storedBody,
  toEditorContent,
} from '../../exams/answer.schema';
import { AnswerToolbar } from '../../exams/answer-toolbar';
import { useEditorLabels } from '../../student/written/answer-editor';
import { useField } from './form-context';

export function RichTextField({
  path,
  label,
  description,
  initial,
  onChange,
  minHeight = 160,
}: {
  path: string;
  label: string;
  description: string;
  /** The content when the field is shown; later changes come from the editor only. */
  initial: string;
  onChange(html: string): void;
  minHeight?: number;
}) {
  const { id, error, disabled } = useField(path);
  const labels = useEditorLabels();
  const labelId = useId();
  const descriptionId = useId();
  const errorId = useId();
  const extensions = useMemo(() => answerExtensions(), []);
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  });
  const editor = useEditor({
    extensions,
    content: toEditorContent(initial),
    parseOptions: ANSWER_PARSE_OPTIONS,
    editable: !disabled,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    onUpdate: ({ editor: e }) => changed.current(storedBody(e)),
  });

  useEffect(() => {
    if (!editor) return;
    editor.setOptions({
      editorProps: {
        attributes: {
          id,
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelId,
          'aria-describedby': error ? `${descriptionId} ${errorId}` : descriptionId,
          'aria-invalid': error ? 'true' : 'false',
          'aria-readonly': disabled ? 'true' : 'false',
          spellcheck: 'true',
        },
      },
    });
    editor.setEditable(!disabled, false);
  }, [editor, id, labelId, descriptionId, errorId, error, disabled]);

  return (
    <Stack gap={4}>
      <Input.Label id={labelId} onClick={() => editor?.commands.focus()}>
        {label}
      </Input.Label>
      <Input.Description id={descriptionId}>{description}</Input.Description>
      <RichTextEditor
        editor={editor}
        labels={labels}
        style={error ? { borderColor: 'var(--mantine-color-error)' } : undefined}
      >
        {disabled ? null : <AnswerToolbar />}
        <RichTextEditor.Content style={{ minHeight }} />
      </RichTextEditor>
      {error ? <Input.Error id={errorId}>{error}</Input.Error> : null}
    </Stack>
  );
}
