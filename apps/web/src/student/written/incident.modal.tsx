// "Report a technical problem" — the seed: "you may tell the teacher about technical failures
// (the power went out, the internet was lost)". Reporting pauses the exam.
import { Alert, Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_KINDS } from '@emtihan/protocol';
import { flowErrorMessage } from './refusal.messages';
import type { WrittenExam } from './use-written-exam';

type Kind = (typeof INCIDENT_KINDS)[number];

export function IncidentModal({
  opened,
  onClose,
  written,
  liveProctoring,
}: {
  opened: boolean;
  onClose: () => void;
  written: WrittenExam;
  liveProctoring: boolean;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('internet-lost');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const report = async () => {
    setBusy(true);
    setError(null);
    try {
      await written.command({
        type: 'report-incident',
        kind,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setNote('');
      onClose();
    } catch (e) {
      setError(flowErrorMessage(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('written.incident.title')} size="lg">
      <Stack gap="md">
        <Text size="sm">
          {liveProctoring
            ? t('written.incident.introProctor')
            : t('written.incident.introNoProctor')}
        </Text>
        <Radio.Group
          label={t('written.incident.kind')}
          value={kind}
          onChange={(v) => setKind(v as Kind)}
        >
          <Stack gap={6} mt={6}>
            {INCIDENT_KINDS.map((k) => (
              <Radio key={k} value={k} label={t(`written.incident.kinds.${k}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('written.incident.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={2000}
          autosize
          minRows={2}
        />
        {error ? (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="orange" onClick={() => void report()} loading={busy}>
            {t('written.incident.send')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
