// The examiner's actions on an exam card: edit, duplicate (opens the copy), delete (asks first;
// the server refuses once a student has opened a sitting), publish a draft.
import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ExamView } from '@emtihan/protocol';
import { ApiError } from '../../api/client';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { isProblemCode } from './exam-form.model';

export function ExamAuthoringActions({
  exam,
  onChanged,
}: {
  exam: ExamView;
  /** The list should be loaded again (published, deleted). */
  onChanged(message: string): void;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'duplicate' | 'delete' | 'publish' | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const title = exam.title;

  /** The server's refusal in the user's words: its authoring codes, else the error's code. */
  const explain = (e: unknown): string[] => {
    if (e instanceof ApiError) {
      const codes = [
        ...(e.reason && isProblemCode(e.reason) ? [e.reason] : []),
        ...e.issues.map((i) => i.message).filter(isProblemCode),
      ];
      if (codes.length > 0) return [...new Set(codes)].map((c) => t(`authoring.problem.${c}`));
    }
    return [errorMessage(t, e)];
  };

  const run = async (kind: 'duplicate' | 'delete' | 'publish') => {
    setBusy(kind);
    setProblems([]);
    setFailure(null);
    try {
      if (kind === 'duplicate') {
        const copy = await api.call('duplicateExam', { params: { examId: exam.id } });
        void navigate(`/examiner/exams/${copy.exam.id}/edit`, { state: { created: 'copy' } });
      } else if (kind === 'delete') {
        await api.call('deleteExam', { params: { examId: exam.id } });
        setConfirming(false);
        onChanged(t('authoring.card.deleted', { title }));
      } else {
        await api.call('publishExam', { params: { examId: exam.id } });
        onChanged(t('authoring.card.published', { title }));
      }
    } catch (e) {
      const texts = explain(e);
      if (kind === 'delete') setFailure(texts.join(' '));
      else setProblems(texts);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Button
          variant="light"
          component={Link}
          to={`/examiner/exams/${exam.id}/edit`}
          aria-label={t('authoring.card.editFor', { title })}
        >
          {t('authoring.card.edit')}
        </Button>
        {exam.status === 'draft' ? (
          <Button
            variant="filled"
            color="green"
            onClick={() => void run('publish')}
            loading={busy === 'publish'}
            aria-label={t('authoring.card.publishFor', { title })}
          >
            {t('authoring.card.publish')}
          </Button>
        ) : null}
        <Button
          variant="default"
          onClick={() => void run('duplicate')}
          loading={busy === 'duplicate'}
          aria-label={t('authoring.card.duplicateFor', { title })}
        >
          {t('authoring.card.duplicate')}
        </Button>
        <Button
          variant="subtle"
          color="red"
          onClick={() => {
            setFailure(null);
            setConfirming(true);
          }}
          aria-label={t('authoring.card.deleteFor', { title })}
        >
          {t('authoring.card.delete')}
        </Button>
      </Group>
      {problems.length > 0 ? (
        <Alert color="red" variant="light" role="alert" title={t('authoring.card.notPublished')}>
          <List size="sm">
            {problems.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
          <Button
            mt="xs"
            size="xs"
            variant="light"
            component={Link}
            to={`/examiner/exams/${exam.id}/edit`}
          >
            {t('authoring.card.openEditor')}
          </Button>
        </Alert>
      ) : null}
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('authoring.card.deleteTitle', { title })}
        centered
      >
        <Stack gap="md">
          <Text size="sm">{t('authoring.card.deleteText')}</Text>
          {failure ? (
            <Alert color="red" variant="light" role="alert">
              {failure}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('authoring.card.cancel')}
            </Button>
            <Button color="red" onClick={() => void run('delete')} loading={busy === 'delete'}>
              {t('authoring.card.confirmDelete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
