// The day plan: the university's date and first slot time, slot length, preparation, students
// per slot, slots per committee, breaks, lunch, committees in parallel, and how students get
// their slots. "Generate" replaces the exam's slots (refused once a student has joined one).
import {
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OralDayPlanBody, OralExamPlan } from '@emtihan/protocol';
import { useSession } from '../../session/session';
import { StatusMessage } from '../../ui/status';
import { PlanningError } from './planning-error';
import { isoToZoned, useUniversityTimeZone, zonedToIso } from '../../ui/zoned-time';

type Num = string | number;
type BreakDraft = { afterSlot: Num; minutes: Num };

const num = (v: Num) => (typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v));

export function DayPlanForm({ plan, onSaved }: { plan: OralExamPlan; onSaved: () => void }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const zone = useUniversityTimeZone();
  const last = plan.dayPlan;
  const first = last ? isoToZoned(last.firstSlotAt, zone) : { date: '', time: '09:00' };
  const [date, setDate] = useState(first.date);
  const [time, setTime] = useState(first.time);
  const [slotMinutes, setSlotMinutes] = useState<Num>(last?.slotMinutes ?? 20);
  const [prep, setPrep] = useState<Num>(last?.preparationMinutes ?? 5);
  const [perSlot, setPerSlot] = useState<Num>(last?.studentsPerSlot ?? 1);
  const [slots, setSlots] = useState<Num>(last?.slotsPerCommittee ?? 6);
  const [committees, setCommittees] = useState<Num>(
    last?.committees ?? Math.max(1, plan.committees.length),
  );
  const [breaks, setBreaks] = useState<BreakDraft[]>(last?.breaks ?? []);
  const [lunchOn, setLunchOn] = useState(!!last?.lunch);
  const [lunchTime, setLunchTime] = useState(
    last?.lunch ? isoToZoned(last.lunch.startsAt, zone).time : '13:00',
  );
  const [lunchMinutes, setLunchMinutes] = useState<Num>(last?.lunch?.minutes ?? 60);
  const [record, setRecord] = useState(last?.record ?? false);
  const [placement, setPlacement] = useState<'auto' | 'booking'>(last?.placement ?? 'auto');
  const closes = last?.bookingClosesAt ? isoToZoned(last.bookingClosesAt, zone) : null;
  const [closesDate, setClosesDate] = useState(closes?.date ?? '');
  const [closesTime, setClosesTime] = useState(closes?.time ?? '18:00');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const generate = async () => {
    setError(null);
    setDone(null);
    const body: OralDayPlanBody = {
      // An unreadable date goes to the server as it is: refused there with the field named.
      firstSlotAt: zonedToIso(date, time, zone) || `${date}T${time}`,
      slotMinutes: num(slotMinutes),
      preparationMinutes: num(prep),
      studentsPerSlot: num(perSlot),
      slotsPerCommittee: num(slots),
      committees: num(committees),
      breaks: breaks.map((b) => ({ afterSlot: num(b.afterSlot), minutes: num(b.minutes) })),
      lunch: lunchOn
        ? {
            startsAt: zonedToIso(date, lunchTime, zone) || `${date}T${lunchTime}`,
            minutes: num(lunchMinutes),
          }
        : null,
      record,
      placement,
      bookingClosesAt:
        placement === 'booking' ? zonedToIso(closesDate, closesTime, zone) || null : null,
    };
    try {
      const r = await api.call('generateOralDayPlan', { params: { examId: plan.examId }, body });
      setDone(
        t('oralPlan.day.generated', {
          n: r.slots.length,
          committees: r.dayPlan?.committees ?? 0,
        }),
      );
      onSaved();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="oral-day-plan">
      <Stack>
        <Title order={2} size="h3" id="oral-day-plan">
          {t('oralPlan.day.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('oralPlan.day.intro', { zone })}
        </Text>
        <Group align="flex-end">
          <TextInput
            type="date"
            label={t('oralPlan.day.date')}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
          />
          <TextInput
            type="time"
            label={t('oralPlan.day.firstSlot')}
            value={time}
            onChange={(e) => setTime(e.currentTarget.value)}
          />
        </Group>
        <Group align="flex-end">
          <NumberInput
            label={t('oralPlan.day.slotMinutes')}
            value={slotMinutes}
            onChange={setSlotMinutes}
            min={5}
            max={480}
            w={200}
          />
          <NumberInput
            label={t('oralPlan.day.preparation')}
            value={prep}
            onChange={setPrep}
            min={0}
            max={120}
            w={200}
          />
          <NumberInput
            label={t('oralPlan.day.studentsPerSlot')}
            value={perSlot}
            onChange={setPerSlot}
            min={1}
            max={30}
            w={200}
          />
        </Group>
        <Group align="flex-end">
          <NumberInput
            label={t('oralPlan.day.slotsPerCommittee')}
            value={slots}
            onChange={setSlots}
            min={1}
            max={60}
            w={200}
          />
          <NumberInput
            label={t('oralPlan.day.committees')}
            value={committees}
            onChange={setCommittees}
            min={1}
            max={20}
            w={200}
          />
        </Group>
        <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" fw={600}>
            {t('oralPlan.day.breaks')}
          </Text>
          {breaks.map((b, i) => (
            <Group key={i} align="flex-end">
              <NumberInput
                label={t('oralPlan.day.breakAfter', { n: i + 1 })}
                value={b.afterSlot}
                onChange={(v) =>
                  setBreaks(breaks.map((x, k) => (k === i ? { ...x, afterSlot: v } : x)))
                }
                min={1}
                w={220}
              />
              <NumberInput
                label={t('oralPlan.day.breakMinutes', { n: i + 1 })}
                value={b.minutes}
                onChange={(v) =>
                  setBreaks(breaks.map((x, k) => (k === i ? { ...x, minutes: v } : x)))
                }
                min={1}
                w={220}
              />
              <Button
                variant="subtle"
                color="red"
                onClick={() => setBreaks(breaks.filter((_x, k) => k !== i))}
              >
                {t('oralPlan.day.removeBreak', { n: i + 1 })}
              </Button>
            </Group>
          ))}
          <Group>
            <Button
              variant="default"
              onClick={() =>
                setBreaks([
                  ...breaks,
                  { afterSlot: Math.max(1, Math.floor(num(slots) / 2) || 1), minutes: 10 },
                ])
              }
            >
              {t('oralPlan.day.addBreak')}
            </Button>
          </Group>
        </Stack>
        <Checkbox
          label={t('oralPlan.day.lunch')}
          checked={lunchOn}
          onChange={(e) => setLunchOn(e.currentTarget.checked)}
        />
        {lunchOn ? (
          <Group align="flex-end">
            <TextInput
              type="time"
              label={t('oralPlan.day.lunchStart')}
              value={lunchTime}
              onChange={(e) => setLunchTime(e.currentTarget.value)}
            />
            <NumberInput
              label={t('oralPlan.day.lunchMinutes')}
              value={lunchMinutes}
              onChange={setLunchMinutes}
              min={1}
              w={200}
            />
          </Group>
        ) : null}
        <Checkbox
          label={t('oralPlan.day.record')}
          checked={record}
          onChange={(e) => setRecord(e.currentTarget.checked)}
        />
        <Radio.Group
          label={t('oralPlan.day.placement')}
          value={placement}
          onChange={(v) => setPlacement(v as 'auto' | 'booking')}
        >
          <Stack gap="xs" mt="xs">
            <Radio value="auto" label={t('oralPlan.day.placementAuto')} />
            <Radio value="booking" label={t('oralPlan.day.placementBooking')} />
          </Stack>
        </Radio.Group>
        {placement === 'booking' ? (
          <Group align="flex-end">
            <TextInput
              type="date"
              label={t('oralPlan.day.bookingClosesDate')}
              value={closesDate}
              onChange={(e) => setClosesDate(e.currentTarget.value)}
            />
            <TextInput
              type="time"
              label={t('oralPlan.day.bookingClosesTime')}
              value={closesTime}
              onChange={(e) => setClosesTime(e.currentTarget.value)}
            />
          </Group>
        ) : null}
        {plan.slots.length ? (
          <Text size="sm" c="orange">
            {t('oralPlan.day.replaces')}
          </Text>
        ) : null}
        <Group>
          <Button onClick={() => void generate()}>{t('oralPlan.day.generate')}</Button>
        </Group>
        {error ? <PlanningError error={error} /> : null}
        <StatusMessage message={done} />
      </Stack>
    </Card>
  );
}
