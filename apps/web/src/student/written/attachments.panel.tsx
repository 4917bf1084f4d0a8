// "Add submission" files: type and size checked here before sending (the server checks again),
// each upload with a progress bar.
import {
  Alert,
  Button,
  FileButton,
  Group,
  List,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_ATTACHMENT_TYPES, sessionFileRules } from '@emtihan/domain';
import type { ExamSettings, SessionFileView, SessionView } from '@emtihan/protocol';
import { attachmentProblem } from './check-in.rules';
import { flowErrorMessage } from './refusal.messages';
import type { WrittenExam } from './use-written-exam';
import { ApiError } from '../../api/client';

const MB = 1024 * 1024;
const ACCEPT = [...DEFAULT_ATTACHMENT_TYPES, '.docx', '.xlsx', '.pdf', '.txt', '.zip'].join(',');

const sizeText = (bytes: number) =>
  bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function AttachmentsPanel({
  view,
  settings,
  written,
  readOnly,
}: {
  view: SessionView;
  settings: ExamSettings['attachments'];
  written: WrittenExam;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const files = view.files.filter((f) => f.kind === 'attachment');
  const [upload, setUpload] = useState<{ name: string; percent: number } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [failed, setFailed] = useState<File | null>(null);
  const maxMb = Math.round(Math.min(settings.maxBytes, sessionFileRules.attachment.maxBytes) / MB);

  const send = async (file: File | null) => {
    if (!file) return;
    setMessage(null);
    setFailed(null);
    const problem = attachmentProblem(file, settings, files.length);
    if (problem) {
      setMessage({
        ok: false,
        text: t(`written.files.problem.${problem}`, {
          name: file.name,
          max: maxMb,
          n: settings.maxFiles,
        }),
      });
      return;
    }
    setUpload({ name: file.name, percent: 0 });
    try {
      const saved: SessionFileView = await written.api.upload(
        view.sessionId,
        { kind: 'attachment', name: file.name, blob: file, contentType: file.type },
        (p) =>
          setUpload({ name: file.name, percent: p.total > 0 ? (p.loaded / p.total) * 100 : 0 }),
      );
      setMessage({ ok: true, text: t('written.files.added', { name: saved.name }) });
      await written.refresh();
    } catch (e) {
      // Only a lost connection is worth sending again; a refused file would be refused again.
      if (!(e instanceof ApiError) || e.code === 'network' || e.status >= 500) setFailed(file);
      setMessage({
        ok: false,
        text: t('written.files.failed', { name: file.name, reason: flowErrorMessage(t, e) }),
      });
    } finally {
      setUpload(null);
    }
  };

  // A file that failed for want of a connection goes again by itself when the connection returns.
  const retry = useRef<() => void>(() => {});
  useEffect(() => {
    retry.current = () => {
      if (failed && !upload) void send(failed);
    };
  });
  const { onReconnect } = written;
  useEffect(() => onReconnect(() => retry.current()), [onReconnect]);

  return (
    <Stack gap="xs" component="section" aria-labelledby="files-title">
      <Title order={2} size="h4" id="files-title">
        {t('written.files.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('written.files.limits', { n: settings.maxFiles, max: maxMb })}
      </Text>
      {files.length > 0 ? (
        <List size="sm" aria-label={t('written.files.list')}>
          {files.map((f) => (
            <List.Item key={f.id}>
              {f.name} · {sizeText(f.size)}
            </List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm">{t('written.files.none')}</Text>
      )}
      <div role="status">
        {upload ? (
          <Stack gap={4}>
            <Text size="sm">{t('written.files.uploading', { name: upload.name })}</Text>
            <Progress
              value={upload.percent}
              aria-label={t('written.files.progress', { name: upload.name })}
            />
          </Stack>
        ) : message?.ok ? (
          <Text size="sm" c="green.8">
            {message.text}
          </Text>
        ) : null}
      </div>
      {message && !message.ok ? (
        <Alert color="red" variant="light" role="alert">
          {message.text}
        </Alert>
      ) : null}
      {!readOnly ? (
        <Group>
          <FileButton onChange={(f) => void send(f)} accept={ACCEPT}>
            {(props) => (
              <Button
                {...props}
                variant="default"
                disabled={upload !== null || files.length >= settings.maxFiles}
              >
                {t('written.files.attach')}
              </Button>
            )}
          </FileButton>
          {failed ? (
            <Button variant="light" onClick={() => void send(failed)} disabled={upload !== null}>
              {t('written.files.retry')}
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Stack>
  );
}
