// "Place students automatically": the course's students in no slot yet, by group then name,
// over the committees' free slots in time order.
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OralExamPlan } from '@emtihan/protocol';
import { useSession } from '../../session/session';
import { formatDateTimeIn } from '../../ui/format';
import { StatusMessage } from '../../ui/status';
import { PlanningError } from './planning-error';
import { useUniversityTimeZone } from '../../ui/zoned-time';

export function PlacementCard({ plan, onSaved }: { plan: OralExamPlan; onSaved: () => void }) {
  const { t } = useTranslation();
  const zone = useUniversityTimeZone();
  const { api, language } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const place = async () => {
    setError(null);
    setDone(null);
    try {
      const r = await api.call('placeOralStudents', { params: { examId: plan.examId } });
      setDone(
        [
          t('oralPlan.placement.placed', { n: r.placed }),
          r.unplaced ? t('oralPlan.placement.unplaced', { n: r.unplaced }) : '',
        ]
          .filter(Boolean)
          .join(' '),
      );
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  const booking = plan.dayPlan?.placement === 'booking' ? plan.dayPlan.bookingClosesAt : null;
  return (
    <Card withBorder component="section" aria-labelledby="oral-placement">
      <Stack>
        <Title order={2} size="h3" id="oral-placement">
          {t('oralPlan.placement.title')}
        </Title>
        <Text size="sm">
          {t('oralPlan.placement.waiting', { n: plan.unplacedStudents.length })}
        </Text>
        {booking ? (
          <Text size="sm" c="dimmed">
            {t('oralPlan.placement.booking', {
              time: formatDateTimeIn(booking, language, zone),
            })}
          </Text>
        ) : null}
        <Group>
          <Button onClick={() => void place()} disabled={plan.slots.length === 0}>
            {t('oralPlan.placement.place')}
          </Button>
        </Group>
        {error ? <PlanningError error={error} /> : null}
        <StatusMessage message={done} />
      </Stack>
    </Card>
  );
}
