// "Add submission" files: type and size checked here before sending (the server checks again),
// each upload with a progress bar.
import {
  Alert,
  Button,
  CloseButton,
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
import {
  attachmentAccept,
  type AttachmentType,
  type ExamSettings,
  type SessionFileView,
  type SessionView,
} from '@emtihan/protocol';
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
  types = [],
  written,
  readOnly,
}: {
  view: SessionView;
  settings: ExamSettings['attachments'];
  /** The types the exam allows (`settings.attachmentTypes`); empty: every type. */
  types?: readonly AttachmentType[];
  written: WrittenExam;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const files = view.files.filter((f) => f.kind === 'attachment');
  const [upload, setUpload] = useState<{ name: string; percent: number } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // Files that failed for want of a connection, in the order chosen: sent again on reconnect.
  const [failed, setFailed] = useState<File[]>([]);
  const maxMb = Math.round(Math.min(settings.maxBytes, sessionFileRules.attachment.maxBytes) / MB);
  const typeList = types.map((type) => type.toUpperCase()).join(', ');

  const send = async (file: File | null) => {
    if (!file) return;
    setMessage(null);
    setFailed((q) => q.filter((f) => f !== file));
    const problem = attachmentProblem(file, settings, files.length, types);
    if (problem) {
      setMessage({
        ok: false,
        text:
          problem === 'exam-type'
            ? t('examRules.attachmentType', { name: file.name, types: typeList })
            : t(`written.files.problem.${problem}`, {
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
      if (!(e instanceof ApiError) || e.code === 'network' || e.status >= 500)
        setFailed((q) => (q.includes(file) ? q : [...q, file]));
      setMessage({
        ok: false,
        text: t('written.files.failed', { name: file.name, reason: flowErrorMessage(t, e) }),
      });
    } finally {
      setUpload(null);
    }
  };

  const [removing, setRemoving] = useState<string | null>(null);
  const remove = async (file: SessionFileView) => {
    setMessage(null);
    setRemoving(file.id);
    try {
      written.adopt(await written.api.removeFile(view.sessionId, file.id));
      setMessage({ ok: true, text: t('written.files.removed', { name: file.name }) });
    } catch (e) {
      setMessage({
        ok: false,
        text: t('written.files.removeFailed', { name: file.name, reason: flowErrorMessage(t, e) }),
      });
      await written.refresh();
    } finally {
      setRemoving(null);
    }
  };

  // Files that failed for want of a connection go again by themselves when it returns.
  const retrying = useRef(false);
  const sendFailed = async (queue: File[]) => {
    if (retrying.current) return;
    retrying.current = true;
    try {
      for (const file of queue) await send(file);
    } finally {
      retrying.current = false;
    }
  };
  const retry = useRef<() => void>(() => {});
  useEffect(() => {
    retry.current = () => {
      if (failed.length > 0 && !upload) void sendFailed(failed);
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
        {types.length > 0
          ? t('examRules.attachmentLimits', { n: settings.maxFiles, max: maxMb, types: typeList })
          : t('written.files.limits', { n: settings.maxFiles, max: maxMb })}
      </Text>
      {files.length > 0 ? (
        <List size="sm" aria-label={t('written.files.list')}>
          {files.map((f) => (
            <List.Item key={f.id}>
              <Group gap={4} wrap="nowrap">
                <span>
                  {f.name} · {sizeText(f.size)}
                </span>
                {!readOnly ? (
                  <CloseButton
                    size="sm"
                    aria-label={t('written.files.remove', { name: f.name })}
                    disabled={removing !== null || upload !== null}
                    onClick={() => void remove(f)}
                  />
                ) : null}
              </Group>
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
          <FileButton onChange={(f) => void send(f)} accept={attachmentAccept(types) ?? ACCEPT}>
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
          {failed.length > 0 ? (
            <Button
              variant="light"
              onClick={() => void sendFailed(failed)}
              disabled={upload !== null}
            >
              {t('written.files.retry')}
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Stack>
  );
}
