// Ticket pools ("Theory", "Practice"), each typed in or imported from a text or CSV file; a
// student draws one ticket from each. The switch: no two students of a committee draw the same
// ticket while unused ones remain.
import {
  Button,
  Card,
  FileButton,
  Group,
  NativeSelect,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OralExamPlan, OralTicketPoolsBody } from '@emtihan/protocol';
import { useSession } from '../../session/session';
import { StatusMessage } from '../../ui/status';
import { PlanningError } from './planning-error';

type Format = 'lines' | 'text' | 'csv';
type Draft = { name: string; format: Format; text: string };

const asLines = (tickets: OralExamPlan['pools'][number]['tickets']) =>
  tickets.every((t) => t.questions.length === 1)
    ? { format: 'lines' as const, text: tickets.map((t) => t.questions[0]).join('\n') }
    : {
        format: 'text' as const,
        text: tickets.map((t) => [`${t.number}.`, ...t.questions].join('\n')).join('\n\n'),
      };

export function TicketPoolsCard({ plan, onSaved }: { plan: OralExamPlan; onSaved: () => void }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [pools, setPools] = useState<Draft[]>(() => {
    const named = plan.pools.filter((p) => p.poolId !== '');
    return named.length
      ? named.map((p) => ({ name: p.name, ...asLines(p.tickets) }))
      : [{ name: '', format: 'lines', text: '' }];
  });
  const [noRepeat, setNoRepeat] = useState(plan.noRepeatInCommittee);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const change = (i: number, d: Partial<Draft>) =>
    setPools(pools.map((p, k) => (k === i ? { ...p, ...d } : p)));
  const importFile = async (i: number, file: File | null) => {
    if (!file) return;
    const text = await file.text();
    change(i, { text, format: /\.csv$/i.test(file.name) ? 'csv' : pools[i]!.format });
  };
  const save = async () => {
    setError(null);
    setSaved(null);
    const body: OralTicketPoolsBody = {
      pools: pools.map((p) => ({ name: p.name, tickets: { format: p.format, text: p.text } })),
      noRepeatInCommittee: noRepeat,
    };
    try {
      const r = await api.call('setOralTicketPools', { params: { examId: plan.examId }, body });
      setSaved(
        r.pools
          .map((p) => t('oralPlan.pools.savedOne', { name: p.name, n: p.tickets.length }))
          .join(' '),
      );
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="oral-pools">
      <Stack>
        <Title order={2} size="h3" id="oral-pools">
          {t('oralPlan.pools.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('oralPlan.pools.intro')}
        </Text>
        {pools.map((p, i) => (
          <Card
            key={i}
            withBorder
            component="fieldset"
            aria-label={t('oralPlan.pools.number', { n: i + 1 })}
          >
            <Stack gap="xs">
              <Group align="flex-end">
                <TextInput
                  label={t('oralPlan.pools.name', { n: i + 1 })}
                  value={p.name}
                  onChange={(e) => change(i, { name: e.currentTarget.value })}
                  placeholder={t('oralPlan.pools.namePlaceholder')}
                />
                <NativeSelect
                  label={t('oralPlan.pools.format', { n: i + 1 })}
                  value={p.format}
                  onChange={(e) => change(i, { format: e.currentTarget.value as Format })}
                  data={(['lines', 'text', 'csv'] as const).map((f) => ({
                    value: f,
                    label: t(`oralPlan.pools.formats.${f}`),
                  }))}
                />
              </Group>
              <Textarea
                label={t('oralPlan.pools.tickets', { n: i + 1 })}
                description={t(`oralPlan.pools.hints.${p.format}`)}
                value={p.text}
                onChange={(e) => change(i, { text: e.currentTarget.value })}
                autosize
                minRows={4}
                maxRows={12}
              />
              <Group>
                <FileButton
                  onChange={(f) => void importFile(i, f)}
                  accept=".txt,.csv,text/plain,text/csv"
                  inputProps={{ 'aria-label': t('oralPlan.pools.file', { n: i + 1 }) }}
                >
                  {(props) => (
                    <Button variant="default" {...props}>
                      {t('oralPlan.pools.import', { n: i + 1 })}
                    </Button>
                  )}
                </FileButton>
                {pools.length > 1 ? (
                  <Button
                    variant="subtle"
                    color="red"
                    onClick={() => setPools(pools.filter((_p, k) => k !== i))}
                  >
                    {t('oralPlan.pools.remove', { n: i + 1 })}
                  </Button>
                ) : null}
              </Group>
            </Stack>
          </Card>
        ))}
        <Switch
          label={t('oralPlan.pools.noRepeat')}
          description={t('oralPlan.pools.noRepeatHint')}
          checked={noRepeat}
          onChange={(e) => setNoRepeat(e.currentTarget.checked)}
        />
        <Group>
          <Button
            variant="default"
            onClick={() => setPools([...pools, { name: '', format: 'lines', text: '' }])}
            disabled={pools.length >= 5}
          >
            {t('oralPlan.pools.add')}
          </Button>
          <Button onClick={() => void save()}>{t('oralPlan.pools.save')}</Button>
        </Group>
        {error ? <PlanningError error={error} /> : null}
        <StatusMessage message={saved} />
      </Stack>
    </Card>
  );
}
