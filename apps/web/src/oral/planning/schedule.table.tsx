// The generated schedule: one table per committee (time on the university's clock, students,
// the room).
import { Anchor, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OralExamPlan } from '@emtihan/protocol';
import { useSession } from '../../session/session';
import { formatTimeIn } from '../../ui/format';
import { useUniversityTimeZone } from '../../ui/zoned-time';

export function ScheduleTables({ plan }: { plan: OralExamPlan }) {
  const { t } = useTranslation();
  const zone = useUniversityTimeZone();
  const { language } = useSession();
  if (plan.committees.length === 0 || !plan.slots.some((s) => s.committeeId)) return null;
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('oralPlan.schedule.title')}
      </Title>
      {plan.committees.map((c) => {
        const slots = plan.slots.filter((s) => s.committeeId === c.committeeId);
        const caption = t('oralPlan.schedule.caption', {
          n: c.number,
          names: [c.chair, ...c.members].map((p) => p.fullName).join(', '),
        });
        return (
          <Card withBorder key={c.committeeId}>
            <Table striped aria-label={t('oralPlan.schedule.committee', { n: c.number })}>
              <Table.Caption style={{ captionSide: 'top', textAlign: 'start' }}>
                {caption}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('oralPlan.schedule.number')}</Table.Th>
                  <Table.Th scope="col">{t('oralPlan.schedule.time', { zone })}</Table.Th>
                  <Table.Th scope="col">{t('oralPlan.schedule.students')}</Table.Th>
                  <Table.Th scope="col">{t('oralPlan.schedule.room')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {slots.map((s, i) => {
                  const end = new Date(
                    Date.parse(s.startsAt) + s.lengthMinutes * 60_000,
                  ).toISOString();
                  return (
                    <Table.Tr key={s.slotId}>
                      <Table.Td>{i + 1}</Table.Td>
                      <Table.Td>
                        {formatTimeIn(s.startsAt, language, zone)}–
                        {formatTimeIn(end, language, zone)}
                      </Table.Td>
                      <Table.Td>
                        {s.students.length ? (
                          s.students.map((p) => p.fullName).join(', ')
                        ) : (
                          <Text span c="dimmed">
                            {t('oralPlan.schedule.free')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/examiner/oral/slots/${s.slotId}`}>
                          {t('oralPlan.schedule.openRoom', { n: i + 1 })}
                        </Anchor>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Card>
        );
      })}
    </Stack>
  );
}
