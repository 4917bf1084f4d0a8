// Pieces of the room both sides see: the drawn ticket, the preparation timer, warnings.
import { Alert, Button, Card, List, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isFlagCategory, warningTemplates } from '@emtihan/domain';
import type { OralTurnView } from '@emtihan/protocol';
import { useSession } from '../session/session';

export function TicketCard({ turn }: { turn: OralTurnView }) {
  const { t } = useTranslation();
  if (!turn.ticket) return null;
  return (
    <Card
      withBorder
      component="section"
      aria-label={t('oral.ticket.title', { number: turn.ticket.number })}
    >
      <Title order={3} size="h4">
        {t('oral.ticket.title', { number: turn.ticket.number })}
      </Title>
      <List type="ordered" mt="xs">
        {turn.ticket.questions.map((q, i) => (
          <List.Item key={i}>{q}</List.Item>
        ))}
      </List>
    </Card>
  );
}

export function PreparationTimer(props: {
  turn: OralTurnView;
  preparationMinutes: number;
  now: number;
}) {
  const { t } = useTranslation();
  const { turn } = props;
  if (turn.status !== 'ticket_drawn' || turn.ticketDrawnAt === null) return null;
  const left = Math.max(0, turn.ticketDrawnAt + props.preparationMinutes * 60_000 - props.now);
  const mm = Math.floor(left / 60_000);
  const ss = Math.floor((left % 60_000) / 1000)
    .toString()
    .padStart(2, '0');
  return (
    <Text role="timer" aria-live="off" fw={600} size="lg">
      {left > 0 ? t('oral.prep.left', { time: `${mm}:${ss}` }) : t('oral.prep.over')}
    </Text>
  );
}

export function WarningsPanel(props: {
  turn: OralTurnView;
  onAcknowledge?: (warningId: string) => void;
}) {
  const { t } = useTranslation();
  const { language } = useSession();
  const open = props.turn.warnings.filter((w) => w.acknowledgedAt === null);
  if (props.turn.warnings.length === 0) return null;
  return (
    <Stack gap="xs">
      {open.map((w) => (
        <Alert key={w.warningId} color="orange" role="alert" title={t('oral.warning.title')}>
          <Text>
            {isFlagCategory(w.category) ? warningTemplates[w.category][language] : w.category}
          </Text>
          {props.onAcknowledge ? (
            <Button mt="xs" size="xs" onClick={() => props.onAcknowledge!(w.warningId)}>
              {t('oral.warning.acknowledge')}
            </Button>
          ) : null}
        </Alert>
      ))}
      <Text size="sm" c="dimmed">
        {t('oral.warning.count', {
          n: props.turn.warnings.length,
          open: open.length,
        })}
      </Text>
    </Stack>
  );
}
