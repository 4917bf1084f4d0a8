import { Group, Loader, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSyncExternalStore } from 'react';
import type { AnswerOutbox } from '../../outbox/answer.outbox';
import type { Language } from '../../i18n/languages';
import { formatTime } from '../../ui/format';
import { refusalText } from './refusal.messages';

/** Saved / saving / offline, always in the page and announced politely (role="status"). */
export function SaveStatus({ outbox, language }: { outbox: AnswerOutbox; language: Language }) {
  const { t } = useTranslation();
  const status = useSyncExternalStore(outbox.subscribe, outbox.getStatus);
  const text =
    status.state === 'saved'
      ? status.savedAt
        ? t('written.save.savedAt', {
            time: formatTime(new Date(status.savedAt).toISOString(), language),
          })
        : t('written.save.saved')
      : status.state === 'saving'
        ? t('written.save.saving')
        : status.state === 'offline'
          ? status.full
            ? t('drill.storageFull')
            : t('written.save.offline')
          : t('written.save.refused', { reason: refusalText(t, status.reason) });
  const color = { saved: 'green', saving: 'blue', offline: 'orange', refused: 'red' }[status.state];
  return (
    <Group gap={6} wrap="nowrap">
      {status.state === 'saving' ? (
        <Loader size={14} aria-hidden />
      ) : (
        <ThemeIcon size={14} radius="xl" color={color} aria-hidden>
          <span />
        </ThemeIcon>
      )}
      <Text
        size="sm"
        c={status.state === 'saved' ? undefined : color}
        fw={500}
        role="status"
        data-save-state={status.state}
      >
        {text}
      </Text>
    </Group>
  );
}
