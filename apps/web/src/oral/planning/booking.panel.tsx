// The student books a free slot themselves, until the examiner's cut-off; times on the device's
// clock, and on the university's when they differ.
import { Button, Card, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyOralSlot } from '@emtihan/protocol';
import { useSession } from '../../session/session';
import { formatDateTime } from '../../ui/format';
import { PlanningError } from './planning-error';
import { SlotTime } from './slot-time';

export function BookingPanel(props: {
  examId: string;
  booking: NonNullable<MyOralSlot['booking']>;
  onBooked: () => void;
}) {
  const { t } = useTranslation();
  const { api, language } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const book = async (slotId: string) => {
    setBusy(true);
    setError(null);
    try {
      await api.call('bookOralSlot', { params: { examId: props.examId }, body: { slotId } });
      props.onBooked();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="oral-booking">
      <Stack>
        <Title order={2} size="h4" id="oral-booking">
          {t('oralPlan.booking.title')}
        </Title>
        <Text size="sm">
          {t('oralPlan.booking.closes', { time: formatDateTime(props.booking.closesAt, language) })}
        </Text>
        {props.booking.slots.length === 0 ? (
          <Text c="dimmed">{t('oralPlan.booking.none')}</Text>
        ) : (
          <Table aria-label={t('oralPlan.booking.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('oralPlan.booking.time')}</Table.Th>
                <Table.Th scope="col">{t('oralPlan.booking.committee')}</Table.Th>
                <Table.Th scope="col">{t('oralPlan.booking.free')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('oralPlan.booking.book')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {props.booking.slots.map((s) => (
                <Table.Tr key={s.slotId}>
                  <Table.Td>
                    <SlotTime iso={s.startsAt} />
                  </Table.Td>
                  <Table.Td>
                    {t('oralPlan.booking.committeeOf', {
                      n: s.committee,
                      names: s.examiners.map((e) => e.fullName).join(', '),
                    })}
                  </Table.Td>
                  <Table.Td>{s.free}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      disabled={busy}
                      onClick={() => void book(s.slotId)}
                      aria-label={t('oralPlan.booking.bookAt', {
                        time: formatDateTime(s.startsAt, language),
                        n: s.committee,
                      })}
                    >
                      {t('oralPlan.booking.book')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {error ? <PlanningError error={error} /> : null}
      </Stack>
    </Card>
  );
}
