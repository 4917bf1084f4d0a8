// The examiner's control for the files of an exam's task: attach, see, remove. Students get
// them with the task, once their work has started.
import {
  Alert,
  Anchor,
  Button,
  CloseButton,
  FileButton,
  Group,
  List,
  Loader,
  Paper,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, TaskFileView } from '@emtihan/protocol';
import { fillPath } from '../api/client';
import { uploadBytes } from '../api/upload';
import { useSession } from '../session/session';
import { errorMessage } from '../ui/errors';
import { ErrorAlert } from '../ui/status';
import { useLoad } from '../ui/use-load';

export function TaskFilesPanel({ examId }: { examId: string }) {
  const { t } = useTranslation();
  const { api: client } = useSession();
  const load = useCallback(
    (signal: AbortSignal) => client.call('listTaskFiles', { params: { examId }, signal }),
    [client, examId],
  );
  const files = useLoad(load);
  const [extra, setExtra] = useState<TaskFileView[]>([]);
  const [gone, setGone] = useState<string[]>([]);
  const [upload, setUpload] = useState<{ name: string; percent: number } | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const send = async (file: File | null) => {
    if (!file) return;
    setMessage(null);
    setUpload({ name: file.name, percent: 0 });
    try {
      const { csrfToken } = await client.call('me');
      const url = `${fillPath(api.uploadTaskFile.path, { examId })}?${new URLSearchParams({ name: file.name })}`;
      const saved = await uploadBytes({
        url,
        blob: file,
        contentType: file.type || 'application/octet-stream',
        csrfToken,
        parse: (j) => TaskFileView.safeParse(j),
        onProgress: (p) =>
          setUpload({ name: file.name, percent: p.total > 0 ? (p.loaded / p.total) * 100 : 0 }),
      });
      setExtra((x) => [...x, saved]);
      setMessage({ ok: true, text: t('written.taskFiles.added', { name: saved.name }) });
    } catch (e) {
      setMessage({
        ok: false,
        text: t('written.taskFiles.failed', { name: file.name, reason: errorMessage(t, e) }),
      });
    } finally {
      setUpload(null);
    }
  };

  const remove = async (file: TaskFileView) => {
    setMessage(null);
    try {
      await client.call('removeTaskFile', { params: { examId, fileId: file.id } });
      setGone((g) => [...g, file.id]);
      setMessage({ ok: true, text: t('written.taskFiles.removed', { name: file.name }) });
    } catch (e) {
      setMessage({
        ok: false,
        text: t('written.taskFiles.failed', { name: file.name, reason: errorMessage(t, e) }),
      });
    }
  };

  const shown =
    files.state === 'ready'
      ? [...files.data.files, ...extra].filter((f) => !gone.includes(f.id))
      : [];
  return (
    <Paper withBorder p="md" mt="lg" component="section" aria-labelledby="task-files-title">
      <Stack gap="xs">
        <Title order={2} size="h4" id="task-files-title">
          {t('written.taskFiles.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('written.taskFiles.intro')}
        </Text>
        {files.state === 'loading' ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
        {files.state === 'failed' ? <ErrorAlert error={files.error} /> : null}
        {files.state === 'ready' && shown.length === 0 ? (
          <Text size="sm">{t('written.taskFiles.none')}</Text>
        ) : null}
        {shown.length > 0 ? (
          <List size="sm" aria-labelledby="task-files-title">
            {shown.map((f) => (
              <List.Item key={f.id}>
                <Group gap={4} wrap="nowrap">
                  <Anchor
                    href={fillPath(api.taskFile.path, { examId, fileId: f.id })}
                    download={f.name}
                  >
                    {f.name}
                  </Anchor>
                  <CloseButton
                    size="sm"
                    aria-label={t('written.taskFiles.remove', { name: f.name })}
                    onClick={() => void remove(f)}
                  />
                </Group>
              </List.Item>
            ))}
          </List>
        ) : null}
        <div role="status">
          {upload ? (
            <Progress
              value={upload.percent}
              aria-label={t('written.files.progress', { name: upload.name })}
            />
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
        <Group>
          <FileButton onChange={(f) => void send(f)}>
            {(props) => (
              <Button {...props} variant="default" loading={upload !== null}>
                {t('written.taskFiles.attach')}
              </Button>
            )}
          </FileButton>
        </Group>
      </Stack>
    </Paper>
  );
}
