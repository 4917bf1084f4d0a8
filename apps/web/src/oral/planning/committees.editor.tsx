// The committees: a chair and up to two members each, chosen among the course's examiners.
import { Button, Card, Checkbox, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OralExamPlan } from '@emtihan/protocol';
import { useSession } from '../../session/session';
import { StatusMessage } from '../../ui/status';
import { PlanningError } from './planning-error';

type Draft = { chairId: string; memberIds: string[] };

export function CommitteesEditor({ plan, onSaved }: { plan: OralExamPlan; onSaved: () => void }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [list, setList] = useState<Draft[]>(() =>
    plan.committees.length
      ? plan.committees.map((c) => ({ chairId: c.chair.id, memberIds: c.members.map((m) => m.id) }))
      : [{ chairId: plan.courseExaminers[0]?.id ?? '', memberIds: [] }],
  );
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const change = (i: number, d: Partial<Draft>) =>
    setList(list.map((c, k) => (k === i ? { ...c, ...d } : c)));
  const save = async () => {
    setError(null);
    setSaved(null);
    try {
      const r = await api.call('setOralCommittees', {
        params: { examId: plan.examId },
        body: { committees: list },
      });
      setSaved(t('oralPlan.committees.saved', { n: r.committees.length }));
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="oral-committees">
      <Stack>
        <Title order={2} size="h3" id="oral-committees">
          {t('oralPlan.committees.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('oralPlan.committees.intro')}
        </Text>
        {list.map((c, i) => (
          <Card
            key={i}
            withBorder
            component="fieldset"
            aria-label={t('oralPlan.committees.number', { n: i + 1 })}
          >
            <Stack gap="xs">
              <Text fw={600}>{t('oralPlan.committees.number', { n: i + 1 })}</Text>
              <NativeSelect
                label={t('oralPlan.committees.chair', { n: i + 1 })}
                value={c.chairId}
                onChange={(e) =>
                  change(i, {
                    chairId: e.currentTarget.value,
                    memberIds: c.memberIds.filter((m) => m !== e.currentTarget.value),
                  })
                }
                data={plan.courseExaminers.map((p) => ({ value: p.id, label: p.fullName }))}
                w={360}
              />
              <Checkbox.Group label={t('oralPlan.committees.members')} value={c.memberIds}>
                <Group mt="xs">
                  {plan.courseExaminers
                    .filter((p) => p.id !== c.chairId)
                    .map((p) => (
                      <Checkbox
                        key={p.id}
                        value={p.id}
                        label={p.fullName}
                        onChange={(e) =>
                          change(i, {
                            memberIds: e.currentTarget.checked
                              ? [...c.memberIds, p.id]
                              : c.memberIds.filter((m) => m !== p.id),
                          })
                        }
                      />
                    ))}
                </Group>
              </Checkbox.Group>
              {list.length > 1 ? (
                <Group>
                  <Button
                    variant="subtle"
                    color="red"
                    onClick={() => setList(list.filter((_c, k) => k !== i))}
                  >
                    {t('oralPlan.committees.remove', { n: i + 1 })}
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </Card>
        ))}
        <Group>
          <Button
            variant="default"
            onClick={() =>
              setList([
                ...list,
                {
                  chairId:
                    plan.courseExaminers.find((p) => !list.some((c) => c.chairId === p.id))?.id ??
                    plan.courseExaminers[0]?.id ??
                    '',
                  memberIds: [],
                },
              ])
            }
          >
            {t('oralPlan.committees.add')}
          </Button>
          <Button onClick={() => void save()}>{t('oralPlan.committees.save')}</Button>
        </Group>
        {error ? <PlanningError error={error} /> : null}
        <StatusMessage message={saved} />
      </Stack>
    </Card>
  );
}
