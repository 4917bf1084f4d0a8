// The examiner's oral exam: grading scale and tickets (typed, or imported from a text or CSV
// file), and the slots — time, length, commission, students in queue order, preparation time,
// recording — each with its room.
import {
  Badge,
  Button,
  Card,
  Checkbox,
  FileButton,
  Group,
  List,
  Loader,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { OralExamPlan, OralSlotPlanView } from '@emtihan/protocol';
import { useSession } from '../session/session';
import { formatDateTime } from '../ui/format';
import { Page } from '../ui/page';
import { ErrorAlert, StatusMessage } from '../ui/status';
import { OralError } from './oral-error';
import { useLoad } from '../ui/use-load';
import { OralPlanningSection } from './planning/oral-planning.section';

export function OralSchedulePage() {
  const { examId } = useParams<{ examId: string }>();
  const { t } = useTranslation();
  const { api } = useSession();
  const load = useCallback(
    (signal: AbortSignal) => api.call('oralPlan', { params: { examId: examId! }, signal }),
    [api, examId],
  );
  const plan = useLoad(load);
  if (plan.state === 'loading') return <Loader aria-label={t('common.loading')} />;
  if (plan.state === 'failed') return <ErrorAlert error={plan.error} />;
  return (
    <Page title={plan.data.title} intro={<Text c="dimmed">{t('oral.schedule.intro')}</Text>}>
      <Stack>
        <TicketsCard plan={plan.data} onSaved={plan.reload} />
        <OralPlanningSection plan={plan.data} onSaved={plan.reload} />
        <Title order={2} size="h3">
          {t('oral.schedule.slots')}
        </Title>
        {plan.data.slots.map((slot) => (
          <SlotCard key={slot.slotId} plan={plan.data} slot={slot} onSaved={plan.reload} />
        ))}
      </Stack>
    </Page>
  );
}

function TicketsCard({ plan, onSaved }: { plan: OralExamPlan; onSaved: () => void }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [scale, setScale] = useState<string>(plan.scale);
  const [text, setText] = useState(() =>
    plan.tickets.map((tk) => [`${tk.number}.`, ...tk.questions].join('\n')).join('\n\n'),
  );
  const [format, setFormat] = useState<'text' | 'csv'>('text');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const save = async () => {
    setError(null);
    try {
      const r = await api.call('setOralSetup', {
        params: { examId: plan.examId },
        body: { scale: scale as OralExamPlan['scale'], tickets: { format, text } },
      });
      setSaved(r.tickets.length);
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  const importFile = async (file: File | null) => {
    if (!file) return;
    setText(await file.text());
    setFormat(/\.csv$/i.test(file.name) ? 'csv' : 'text');
  };
  return (
    <Card withBorder component="section" aria-labelledby="oral-tickets">
      <Stack>
        <Title order={2} size="h3" id="oral-tickets">
          {t('oral.schedule.tickets')}
        </Title>
        <Select
          label={t('oral.schedule.scale')}
          data={[
            { value: 'kz-letter-100', label: t('oral.scale.kz-letter-100') },
            { value: 'five-point', label: t('oral.scale.five-point') },
          ]}
          value={scale}
          onChange={(v) => v && setScale(v)}
          allowDeselect={false}
          w={320}
        />
        <Textarea
          label={t('oral.schedule.ticketsText')}
          description={t(format === 'csv' ? 'oral.schedule.csvHint' : 'oral.schedule.textHint')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={6}
          maxRows={16}
        />
        <Group>
          <FileButton onChange={(f) => void importFile(f)} accept=".txt,.csv,text/plain,text/csv">
            {(props) => (
              <Button variant="default" {...props}>
                {t('oral.schedule.import')}
              </Button>
            )}
          </FileButton>
          <Button onClick={() => void save()} disabled={text.trim() === ''}>
            {t('oral.schedule.saveTickets')}
          </Button>
        </Group>
        {error ? <OralError error={error} /> : null}
        <StatusMessage
          message={saved === null ? null : t('oral.schedule.ticketsSaved', { n: saved })}
        />
        {plan.tickets.length ? (
          <List listStyleType="none" size="sm">
            {plan.tickets.map((tk) => (
              <List.Item key={tk.number} value={tk.number}>
                {t('oral.ticket.title', { number: tk.number })}: {tk.questions.join(' · ')}
              </List.Item>
            ))}
          </List>
        ) : (
          <Text c="dimmed">{t('oral.schedule.noTickets')}</Text>
        )}
      </Stack>
    </Card>
  );
}

const localInput = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

function SlotCard(props: { plan: OralExamPlan; slot: OralSlotPlanView; onSaved: () => void }) {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const { slot, plan } = props;
  const [editing, setEditing] = useState(false);
  const [startsAt, setStartsAt] = useState(localInput(slot.startsAt));
  const [length, setLength] = useState<string | number>(slot.lengthMinutes);
  const [prep, setPrep] = useState<string | number>(slot.preparationMinutes || 5);
  const [examiners, setExaminers] = useState<string[]>(slot.examiners.map((e) => e.id));
  const [students, setStudents] = useState<string[]>(slot.students.map((s) => s.id));
  const [record, setRecord] = useState(slot.record);
  const [error, setError] = useState<unknown>(null);
  const titleId = `slot-${slot.slotId}`;
  const toggle = (list: string[], id: string, on: boolean) =>
    on ? [...list, id] : list.filter((x) => x !== id);
  const save = async () => {
    setError(null);
    try {
      await api.call('scheduleOralSlot', {
        params: { examId: plan.examId },
        body: {
          slotId: slot.slotId,
          startsAt: new Date(startsAt).toISOString(),
          lengthMinutes: Number(length),
          preparationMinutes: Number(prep),
          examinerIds: examiners,
          studentIds: students,
          record,
        },
      });
      setEditing(false);
      props.onSaved();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card withBorder component="article" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h4" id={titleId}>
            {t('oral.schedule.slotTitle', {
              time: formatDateTime(slot.startsAt, language),
              minutes: slot.lengthMinutes,
            })}
          </Title>
          <Badge color={slot.planned ? 'green' : 'gray'}>
            {t(slot.planned ? 'oral.schedule.planned' : 'oral.schedule.notPlanned')}
          </Badge>
        </Group>
        {slot.planned ? (
          <Text size="sm">
            {t('oral.schedule.summary', {
              examiners: slot.examiners.map((e) => e.fullName).join(', '),
              students: slot.students.map((s) => s.fullName).join(', '),
              prep: slot.preparationMinutes,
            })}
            {slot.record ? ` · ${t('oral.schedule.recorded')}` : ''}
          </Text>
        ) : null}
        <Group>
          <Button variant="default" onClick={() => setEditing(!editing)} aria-expanded={editing}>
            {t('oral.schedule.plan')}
          </Button>
          {slot.planned ? (
            <Button component={Link} to={`/examiner/oral/slots/${slot.slotId}`}>
              {t('oral.schedule.openRoom')}
            </Button>
          ) : null}
        </Group>
        {editing ? (
          <Stack gap="sm" mt="sm">
            <Group align="flex-end">
              <TextInput
                type="datetime-local"
                label={t('oral.schedule.start')}
                value={startsAt}
                onChange={(e) => setStartsAt(e.currentTarget.value)}
              />
              <NumberInput
                label={t('oral.schedule.length')}
                value={length}
                onChange={setLength}
                min={5}
                max={480}
                w={160}
              />
              <NumberInput
                label={t('oral.schedule.prep')}
                value={prep}
                onChange={setPrep}
                min={0}
                max={120}
                w={200}
              />
            </Group>
            <Checkbox.Group label={t('oral.schedule.commission')} value={examiners}>
              <Group mt="xs">
                {plan.courseExaminers.map((p) => (
                  <Checkbox
                    key={p.id}
                    value={p.id}
                    label={p.fullName}
                    onChange={(e) => setExaminers(toggle(examiners, p.id, e.currentTarget.checked))}
                  />
                ))}
              </Group>
            </Checkbox.Group>
            <Checkbox.Group
              label={t('oral.schedule.students')}
              description={t('oral.schedule.studentsHint')}
              value={students}
            >
              <Group mt="xs">
                {plan.courseStudents.map((p) => (
                  <Checkbox
                    key={p.id}
                    value={p.id}
                    label={
                      students.includes(p.id)
                        ? `${students.indexOf(p.id) + 1}. ${p.fullName}`
                        : p.fullName
                    }
                    onChange={(e) => setStudents(toggle(students, p.id, e.currentTarget.checked))}
                  />
                ))}
              </Group>
            </Checkbox.Group>
            <Checkbox
              label={t('oral.schedule.record')}
              checked={record}
              onChange={(e) => setRecord(e.currentTarget.checked)}
            />
            {error ? <OralError error={error} /> : null}
            <Group>
              <Button onClick={() => void save()}>{t('oral.schedule.save')}</Button>
            </Group>
          </Stack>
        ) : null}
      </Stack>
    </Card>
  );
}
