// The exam's rules: the seed's checklist in the user's language, free text in each language, and
// what students will read (composed exactly as the server composes it).
import {
  Checkbox,
  Fieldset,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ALLOWED_RULES,
  composeRules,
  FORBIDDEN_RULES,
  RULE_TEXTS,
  type AllowedRule,
  type ForbiddenRule,
} from '@emtihan/protocol';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../i18n/languages';
import { useSession } from '../../session/session';
import { useField } from './form-context';
import type { SectionProps } from './section';

export function RulesSection({ values, onChange }: SectionProps) {
  const { t } = useTranslation();
  const { language } = useSession();
  const [previewIn, setPreviewIn] = useState<Language>(language);
  const rules = values.ruleSet;
  const allowed = useField('ruleSet.allowed');
  const forbidden = useField('ruleSet.forbidden');
  const preview = composeRules(rules)[previewIn];
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Checkbox.Group
          id={allowed.id}
          label={t('authoring.rules.allowed')}
          description={t('authoring.rules.allowedHint')}
          value={rules.allowed}
          onChange={(v) => onChange({ ruleSet: { ...rules, allowed: v as AllowedRule[] } })}
          error={allowed.error}
        >
          <Stack gap="xs" mt="xs">
            {ALLOWED_RULES.map((r) => (
              <Checkbox
                key={r}
                value={r}
                label={RULE_TEXTS[r][language]}
                disabled={allowed.disabled}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <Checkbox.Group
          id={forbidden.id}
          label={t('authoring.rules.forbidden')}
          description={t('authoring.rules.forbiddenHint')}
          value={rules.forbidden}
          onChange={(v) => onChange({ ruleSet: { ...rules, forbidden: v as ForbiddenRule[] } })}
          error={forbidden.error}
        >
          <Stack gap="xs" mt="xs">
            {FORBIDDEN_RULES.map((r) => (
              <Checkbox
                key={r}
                value={r}
                label={RULE_TEXTS[r][language]}
                disabled={forbidden.disabled}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      </SimpleGrid>
      <Fieldset legend={t('authoring.rules.extra')}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('authoring.rules.extraHint')}
          </Text>
          {LANGUAGES.map((lang) => (
            <ExtraText
              key={lang}
              lang={lang}
              value={rules.extra[lang]}
              onChange={(text) =>
                onChange({ ruleSet: { ...rules, extra: { ...rules.extra, [lang]: text } } })
              }
            />
          ))}
        </Stack>
      </Fieldset>
      <Paper
        withBorder
        p="md"
        bg="var(--mantine-color-gray-0)"
        component="section"
        aria-labelledby="rules-preview"
      >
        <Stack gap="xs">
          <Title order={3} size="h5" id="rules-preview">
            {t('authoring.rules.preview')}
          </Title>
          <SegmentedControl
            aria-label={t('authoring.rules.previewLanguage')}
            value={previewIn}
            onChange={(v) => setPreviewIn(v as Language)}
            data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
            w="fit-content"
          />
          <Text lang={previewIn} style={{ whiteSpace: 'pre-line' }} aria-live="polite">
            {preview || t('authoring.rules.previewEmpty')}
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}

function ExtraText({
  lang,
  value,
  onChange,
}: {
  lang: Language;
  value: string;
  onChange(text: string): void;
}) {
  const { t } = useTranslation();
  const field = useField(`ruleSet.extra.${lang}`);
  return (
    <Textarea
      {...field}
      label={t('authoring.rules.extraIn', { language: LANGUAGE_NAMES[lang] })}
      lang={lang}
      autosize
      minRows={2}
      maxRows={8}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
