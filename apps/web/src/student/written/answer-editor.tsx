// The answer editor (ADR 0011): tiptap with Mantine's toolbar, limited to the answer schema.
// Every change goes to the outbox in the same task as the keystroke, as the HTML that will be
// stored; an answer whose HTML is over the size limit stays on screen but is not saved until
// shortened.
import '@mantine/tiptap/styles.css';
import { Stack, Text } from '@mantine/core';
import { RichTextEditor, type RichTextEditorLabels } from '@mantine/tiptap';
import { closeHistory } from '@tiptap/pm/history';
import { useEditor } from '@tiptap/react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ANSWER_CHARS } from '@emtihan/protocol';
import {
  ANSWER_PARSE_OPTIONS,
  answerExtensions,
  plainAnswerExtensions,
  storedBody,
  toEditorContent,
} from '../../exams/answer.schema';
import { AnswerToolbar } from '../../exams/answer-toolbar';
import type { AnswerOutbox } from '../../outbox/answer.outbox';
import { documentWords, WordLimit } from './word-limit.extension';

/** The toolbar's words in the student's language (`editor.*`). */
export function useEditorLabels(): Partial<RichTextEditorLabels> {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      boldControlLabel: t('editor.bold'),
      italicControlLabel: t('editor.italic'),
      underlineControlLabel: t('editor.underline'),
      strikeControlLabel: t('editor.strike'),
      clearFormattingControlLabel: t('editor.clearFormatting'),
      h2ControlLabel: t('editor.heading'),
      h3ControlLabel: t('editor.subheading'),
      bulletListControlLabel: t('editor.bulletList'),
      orderedListControlLabel: t('editor.orderedList'),
      blockquoteControlLabel: t('editor.quote'),
      hrControlLabel: t('editor.divider'),
      linkControlLabel: t('editor.link'),
      unlinkControlLabel: t('editor.unlink'),
      linkEditorInputLabel: t('editor.linkAddress'),
      linkEditorInputPlaceholder: 'https://…',
      linkEditorExternalLink: t('editor.linkNewTab'),
      linkEditorInternalLink: t('editor.linkSameTab'),
      linkEditorSave: t('editor.linkSave'),
      undoControlLabel: t('editor.undo'),
      redoControlLabel: t('editor.redo'),
    }),
    [t],
  );
}

export function AnswerEditor({
  outbox,
  initialBody,
  readOnly,
  onTooLong,
  richText = true,
  wordLimit = null,
}: {
  outbox: AnswerOutbox;
  initialBody: string;
  readOnly: boolean;
  onTooLong: (tooLong: boolean) => void;
  /** False: a plain answer, paragraphs only and no toolbar (`settings.answer.richText`). */
  richText?: boolean;
  /** The most words the answer may hold (`settings.answer.wordLimit`); null: no limit. */
  wordLimit?: number | null;
}) {
  const { t } = useTranslation();
  const labels = useEditorLabels();
  const hintId = useId();
  const errorId = useId();
  const countId = useId();
  // A change over the word limit is not made; the student is told why (until under it again).
  const [limitHit, setLimitHit] = useState(false);
  const extensions = useMemo(
    () => [
      ...(richText ? answerExtensions() : plainAnswerExtensions()),
      ...(wordLimit !== null
        ? [WordLimit.configure({ limit: wordLimit, onRefused: () => setLimitHit(true) })]
        : []),
    ],
    [richText, wordLimit],
  );
  const [size, setSize] = useState({ text: 0, stored: initialBody.length, words: 0 });
  const tooLong = size.stored > MAX_ANSWER_CHARS;
  const wasTooLong = useRef(false);
  const report = useRef(onTooLong);
  useEffect(() => {
    report.current = onTooLong;
  });

  const editor = useEditor({
    extensions,
    content: toEditorContent(initialBody),
    parseOptions: ANSWER_PARSE_OPTIONS,
    editable: !readOnly,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    onCreate: ({ editor: e }) =>
      setSize({
        text: e.getText().length,
        stored: initialBody.length,
        words: documentWords(e.state.doc),
      }),
    onUpdate: ({ editor: e }) => {
      const body = storedBody(e);
      const over = body.length > MAX_ANSWER_CHARS;
      const words = documentWords(e.state.doc);
      setSize({ text: e.getText().length, stored: body.length, words });
      if (wordLimit !== null && words < wordLimit) setLimitHit(false);
      if (over !== wasTooLong.current) {
        wasTooLong.current = over;
        report.current(over);
      }
      if (!over) outbox.change(body);
    },
  });

  // The editable area's name, description and state, kept in the student's language.
  useEffect(() => {
    if (!editor) return;
    editor.setOptions({
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': t('written.work.answer'),
          'aria-describedby': [
            hintId,
            wordLimit !== null ? countId : null,
            tooLong ? errorId : null,
          ]
            .filter(Boolean)
            .join(' '),
          'aria-invalid': tooLong ? 'true' : 'false',
          'aria-readonly': readOnly ? 'true' : 'false',
          spellcheck: 'true',
        },
        // A paste is its own step for undo, however soon after typing it comes: Ctrl+Z takes
        // back what was pasted and nothing the student typed before it.
        handlePaste: (view) => {
          view.dispatch(closeHistory(view.state.tr));
          return false;
        },
      },
    });
  }, [editor, t, hintId, errorId, countId, wordLimit, tooLong, readOnly]);

  useEffect(() => {
    editor?.setEditable(!readOnly, false);
  }, [editor, readOnly]);

  return (
    <Stack gap={4}>
      <Text fw={500} size="sm" component="div">
        {t('written.work.answer')}
      </Text>
      <Text size="xs" c="dimmed" id={hintId}>
        {t('written.work.answerHint')}
      </Text>
      <RichTextEditor
        editor={editor}
        labels={labels}
        style={tooLong ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
      >
        {!readOnly && richText ? <AnswerToolbar /> : null}
        <RichTextEditor.Content style={{ minHeight: 320, fontSize: 16, lineHeight: 1.6 }} />
      </RichTextEditor>
      {tooLong ? (
        <Text size="sm" c="red.8" id={errorId} role="alert">
          {t('written.work.tooLong', { max: MAX_ANSWER_CHARS })}
        </Text>
      ) : null}
      {wordLimit !== null ? (
        <>
          <Text
            size="sm"
            c={size.words >= wordLimit ? 'orange.8' : 'dimmed'}
            ta="right"
            id={countId}
            aria-live="polite"
            aria-atomic="true"
          >
            {t('examRules.words', { n: size.words, max: wordLimit })}
          </Text>
          <div role="status">
            {limitHit ? (
              <Text size="sm" c="orange.9">
                {t('examRules.wordLimitReached', { max: wordLimit })}
              </Text>
            ) : null}
          </div>
        </>
      ) : (
        <Text size="xs" c="dimmed" ta="right">
          {t('written.work.characters', { n: size.text })}
        </Text>
      )}
    </Stack>
  );
}
