// The examiner's planning of an oral exam's day, in the order it is done: committees, the day
// plan, ticket pools, placing students; then the schedule per committee.
import { Stack } from '@mantine/core';
import type { OralExamPlan } from '@emtihan/protocol';
import { CommitteesEditor } from './committees.editor';
import { DayPlanForm } from './day-plan.form';
import { PlacementCard } from './placement.card';
import { ScheduleTables } from './schedule.table';
import { TicketPoolsCard } from './ticket-pools.card';

export function OralPlanningSection({
  plan,
  onSaved,
}: {
  plan: OralExamPlan;
  onSaved: () => void;
}) {
  return (
    <Stack>
      <CommitteesEditor plan={plan} onSaved={onSaved} />
      <DayPlanForm plan={plan} onSaved={onSaved} />
      <TicketPoolsCard plan={plan} onSaved={onSaved} />
      <PlacementCard plan={plan} onSaved={onSaved} />
      <ScheduleTables plan={plan} />
    </Stack>
  );
}
