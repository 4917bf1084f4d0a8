// The answer: rich text or plain, a word limit, attachments and their types, the statement the
// student ticks before "Submit assignment" (in each language).
import {
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_TYPES, type AttachmentType, type Translated } from '@emtihan/protocol';
import { LANGUAGE_NAMES, LANGUAGES } from '../../i18n/languages';
import { bytesToMb, mbToBytes } from './exam-form.model';
import { asNumber, shown, useField } from './form-context';
import { settingSetter, type SectionProps } from './section';

export function AnswerSection({ values, onChange }: SectionProps) {
  const { t } = useTranslation();
  const set = settingSetter(values, onChange);
  const { answer, attachments, attachmentTypes } = values.settings;
  const richText = useField('settings.answer.richText');
  const wordLimit = useField('settings.answer.wordLimit');
  const maxFiles = useField('settings.attachments.maxFiles');
  const maxBytes = useField('settings.attachments.maxBytes');
  const types = useField('settings.attachmentTypes');
  const statement = useField('settings.answer.statement');

  const defaultStatement = (): Translated => ({
    kk: t('authoring.answer.statementDefault', { lng: 'kk' }),
    ru: t('authoring.answer.statementDefault', { lng: 'ru' }),
    en: t('authoring.answer.statementDefault', { lng: 'en' }),
  });

  return (
    <Stack gap="lg">
      <Fieldset legend={t('authoring.answer.text')}>
        <Stack gap="md">
          <Switch
            {...richText}
            label={t('authoring.answer.richText')}
            description={t('authoring.answer.richTextHint')}
            checked={answer.richText}
            onChange={(e) => set('answer', { ...answer, richText: e.currentTarget.checked })}
          />
          <NumberInput
            {...wordLimit}
            label={t('authoring.answer.wordLimit')}
            description={t('authoring.answer.wordLimitHint')}
            min={1}
            max={100_000}
            allowDecimal={false}
            maw={360}
            value={shown(answer.wordLimit)}
            onChange={(v) => set('answer', { ...answer, wordLimit: v === '' ? null : asNumber(v) })}
          />
        </Stack>
      </Fieldset>
      <Fieldset legend={t('authoring.answer.files')}>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              {...maxFiles}
              label={t('authoring.answer.maxFiles')}
              description={t('authoring.answer.maxFilesHint')}
              min={0}
              max={20}
              allowDecimal={false}
              value={shown(attachments.maxFiles)}
              onChange={(v) => set('attachments', { ...attachments, maxFiles: asNumber(v) })}
            />
            <NumberInput
              {...maxBytes}
              label={t('authoring.answer.maxSize')}
              description={t('authoring.answer.maxSizeHint')}
              suffix={` ${t('authoring.mb')}`}
              min={1}
              max={2048}
              decimalScale={1}
              value={shown(bytesToMb(attachments.maxBytes))}
              onChange={(v) =>
                set('attachments', { ...attachments, maxBytes: mbToBytes(asNumber(v)) })
              }
            />
          </SimpleGrid>
          <Checkbox.Group
            id={types.id}
            label={t('authoring.answer.types')}
            description={t('authoring.answer.typesHint')}
            value={attachmentTypes}
            onChange={(v) => set('attachmentTypes', v as AttachmentType[])}
            error={types.error}
          >
            <Group gap="md" mt="xs">
              {ATTACHMENT_TYPES.map((type) => (
                <Checkbox
                  key={type}
                  value={type}
                  label={type.toUpperCase()}
                  disabled={types.disabled}
                />
              ))}
            </Group>
          </Checkbox.Group>
        </Stack>
      </Fieldset>
      <Fieldset legend={t('authoring.answer.statement')}>
        <Stack gap="md">
          <Switch
            id={statement.id}
            disabled={statement.disabled}
            label={t('authoring.answer.statementOn')}
            description={t('authoring.answer.statementHint')}
            checked={answer.statement !== null}
            onChange={(e) =>
              set('answer', {
                ...answer,
                statement: e.currentTarget.checked ? defaultStatement() : null,
              })
            }
          />
          {answer.statement
            ? LANGUAGES.map((lang) => (
                <StatementText
                  key={lang}
                  lang={lang}
                  value={answer.statement![lang]}
                  onChange={(text) =>
                    set('answer', { ...answer, statement: { ...answer.statement!, [lang]: text } })
                  }
                />
              ))
            : null}
        </Stack>
      </Fieldset>
    </Stack>
  );
}

function StatementText({
  lang,
  value,
  onChange,
}: {
  lang: (typeof LANGUAGES)[number];
  value: string;
  onChange(text: string): void;
}) {
  const { t } = useTranslation();
  const field = useField(`settings.answer.statement.${lang}`);
  return (
    <Textarea
      {...field}
      label={t('authoring.answer.statementIn', { language: LANGUAGE_NAMES[lang] })}
      lang={lang}
      autosize
      minRows={2}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
