// The task's files as download links (the server sends them only once work has started).
import { Anchor, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, type TaskFileView } from '@emtihan/protocol';
import { fillPath } from '../../api/client';

const KB = 1024;
const sizeText = (bytes: number) =>
  bytes >= KB * KB
    ? `${(bytes / KB / KB).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / KB))} KB`;

export function TaskFileLinks({ examId, files }: { examId: string; files: TaskFileView[] }) {
  const { t } = useTranslation();
  if (files.length === 0) return null;
  return (
    <Stack gap={4} mt="sm">
      <Text fw={600} size="sm" id="task-files-title">
        {t('written.work.taskFiles')}
      </Text>
      <List size="sm" aria-labelledby="task-files-title">
        {files.map((f) => (
          <List.Item key={f.id}>
            <Anchor
              href={fillPath(api.taskFile.path, { examId, fileId: f.id })}
              download={f.name}
              aria-label={t('written.work.download', { name: f.name })}
            >
              {f.name}
            </Anchor>{' '}
            · {sizeText(f.size)}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
