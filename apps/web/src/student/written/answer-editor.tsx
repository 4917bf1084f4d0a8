import { Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ANSWER_CHARS } from '@emtihan/protocol';
import type { AnswerOutbox } from '../../outbox/answer.outbox';

/**
 * The answer editor: a plain, accessible textarea (a rich-text editor can replace it; the
 * outbox stores whatever text it produces). Every change goes to the outbox at once; an
 * answer over the size limit stays on screen but is not saved until shortened.
 */
export function AnswerEditor({
  outbox,
  initialBody,
  readOnly,
  onTooLong,
}: {
  outbox: AnswerOutbox;
  initialBody: string;
  readOnly: boolean;
  onTooLong: (tooLong: boolean) => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(initialBody);
  const tooLong = value.length > MAX_ANSWER_CHARS;
  return (
    <Stack gap={4}>
      <Textarea
        label={t('written.work.answer')}
        description={t('written.work.answerHint')}
        value={value}
        onChange={(e) => {
          const next = e.currentTarget.value;
          setValue(next);
          const over = next.length > MAX_ANSWER_CHARS;
          if (over !== tooLong) onTooLong(over);
          if (!over) outbox.change(next);
        }}
        readOnly={readOnly}
        autosize
        minRows={14}
        maxRows={40}
        spellCheck
        error={tooLong ? t('written.work.tooLong', { max: MAX_ANSWER_CHARS }) : undefined}
        styles={{ input: { fontSize: 16, lineHeight: 1.6 } }}
      />
      <Text size="xs" c="dimmed" ta="right">
        {t('written.work.characters', { n: value.length })}
      </Text>
    </Stack>
  );
}
