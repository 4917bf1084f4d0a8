// How an exam is graded (ADR 0010): the maximum score, the scale, and whether an annulled sitting
// counts as zero. Set on the exam form and on the grading page; saved on its own endpoint.
import {
  Button,
  Checkbox,
  Group,
  Loader,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GradingScaleId, type GradingPolicyView } from '@emtihan/protocol';
import { useSession } from '../session/session';
import { ErrorAlert, StatusMessage } from '../ui/status';
import { useLoad } from '../ui/use-load';

export function GradingPolicyControl({
  examId,
  onSaved,
  disabled = false,
}: {
  examId: string;
  onSaved?(policy: GradingPolicyView): void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { api } = useSession();
  const titleId = useId();
  const load = useCallback(
    (signal: AbortSignal) =>
      api.call('examGrading', { params: { examId }, signal }).then((r) => r.policy),
    [api, examId],
  );
  const loaded = useLoad(load);
  // The person's edits; until the first, what was loaded.
  const [edited, setPolicy] = useState<GradingPolicyView | null>(null);
  const policy = edited ?? (loaded.state === 'ready' ? loaded.data : null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (!policy) return;
    if (!(policy.maxScore > 0 && policy.maxScore <= 1000)) {
      setProblem(t('authoring.grading.maxRange'));
      return;
    }
    setProblem(null);
    setError(null);
    setStatus(null);
    setBusy(true);
    try {
      const saved = await api.call('updateGradingPolicy', { params: { examId }, body: policy });
      setPolicy(saved);
      setStatus(t('authoring.grading.saved'));
      onSaved?.(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={titleId}>
          {t('authoring.grading.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('authoring.grading.intro')}
        </Text>
        {loaded.state === 'loading' ? <Loader size="sm" aria-label={t('common.loading')} /> : null}
        {loaded.state === 'failed' ? <ErrorAlert error={loaded.error} /> : null}
        {policy ? (
          <>
            <Group align="flex-start" grow>
              <NumberInput
                label={t('authoring.grading.maxScore')}
                min={1}
                max={1000}
                value={Number.isNaN(policy.maxScore) ? '' : policy.maxScore}
                onChange={(v) =>
                  setPolicy({ ...policy, maxScore: typeof v === 'number' ? v : Number.NaN })
                }
                error={problem ?? undefined}
                disabled={disabled || busy}
              />
              <Select
                label={t('authoring.grading.scale')}
                data={GradingScaleId.options.map((id) => ({
                  value: id,
                  label: t(`grading.scale.${id}`),
                }))}
                value={policy.scale}
                onChange={(v) =>
                  v && setPolicy({ ...policy, scale: v as GradingPolicyView['scale'] })
                }
                allowDeselect={false}
                disabled={disabled || busy}
              />
            </Group>
            <Checkbox
              label={t('authoring.grading.annulledZero')}
              checked={policy.annulledScoresZero}
              onChange={(e) =>
                setPolicy({ ...policy, annulledScoresZero: e.currentTarget.checked })
              }
              disabled={disabled || busy}
            />
            <Group>
              <Button
                variant="default"
                onClick={() => void save()}
                loading={busy}
                disabled={disabled}
              >
                {t('authoring.grading.save')}
              </Button>
            </Group>
          </>
        ) : null}
        <StatusMessage message={status} />
        <ErrorAlert error={error} />
      </Stack>
    </Paper>
  );
}
