// Rest breaks (ADR 0018): a student whose accommodation allows them presses "Take a break"; the
// exam clock stops, the task and the answer are put away, and a calm screen counts the break
// time down until "End break" or until the allowance runs out (then the server ends it and the
// page follows the session). Camera, screen and the recorder go on: they live in the workspace,
// which stays mounted under this screen.
import { Alert, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  accommodationOf,
  breakEndsAt,
  breakLeftMs,
  openBreak,
  type WrittenSessionState,
} from '@emtihan/domain';
import type { SessionView } from '@emtihan/protocol';
import { flowErrorMessage } from './refusal.messages';
import { formatClock, serverTime } from './written-flow.rules';
import type { WrittenExam } from './use-written-exam';

/** Whether the sitting's accommodation gives rest breaks at all. */
export const givesBreaks = (state: WrittenSessionState): boolean =>
  accommodationOf(state.terms).breakMinutes > 0;

/** The device clock, ticking each second. */
function useDeviceNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now;
}

/** Sends a break command; the refusal, if any, in the student's words. */
function useBreakCommand(written: WrittenExam) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const send = async (type: 'start-break' | 'end-break') => {
    setBusy(true);
    setError(null);
    try {
      await written.command({ type });
    } catch (e) {
      setError(flowErrorMessage(t, e));
      // Ended elsewhere (the allowance ran out, another tab): show what the server holds.
      void written.refresh();
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, send };
}

/** "Take a break" with the break time left, beside the work; nothing when none is left. */
export function TakeBreak({ view, written }: { view: SessionView; written: WrittenExam }) {
  const { t } = useTranslation();
  const { busy, error, send } = useBreakCommand(written);
  const left = breakLeftMs(view.state);
  if (!givesBreaks(view.state) || view.state.status !== 'in_progress') return null;
  return (
    <Stack gap={2}>
      <Group gap="xs" wrap="nowrap">
        <Button
          variant="light"
          color="teal"
          onClick={() => void send('start-break')}
          loading={busy}
          disabled={left <= 0}
        >
          {t('accommodationsLive.break.take')}
        </Button>
        <Text size="sm" c="dimmed">
          {left > 0
            ? t('accommodationsLive.break.left', { time: formatClock(left) })
            : t('accommodationsLive.break.usedUp')}
        </Text>
      </Group>
      {error ? (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}

/**
 * The break itself: the clock is stopped, nothing of the exam is shown, the break time counts
 * down, and one button ends it. Shown in place of the task and the answer.
 */
export function BreakScreen({
  view,
  written,
  workLeftMs,
}: {
  view: SessionView;
  written: WrittenExam;
  /** The exam time left, as it stood when the break began. */
  workLeftMs: number;
}) {
  const { t } = useTranslation();
  const { busy, error, send } = useBreakCommand(written);
  const deviceNow = useDeviceNow();
  const endsAt = breakEndsAt(view.state);
  const left = endsAt === null ? 0 : Math.max(0, endsAt - serverTime(deviceNow, written.offset));
  // The allowance ran out: the server ends the break within seconds; ask for the session then.
  const { refresh } = written;
  const asked = useRef(false);
  useEffect(() => {
    if (left > 0 || asked.current) return;
    asked.current = true;
    const id = setTimeout(() => void refresh(), 2500);
    return () => clearTimeout(id);
  }, [left, refresh]);
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus moves to the break screen, so a screen reader reads where the student now is.
  useEffect(() => heading.current?.focus(), []);
  if (openBreak(view.state) === null) return null;
  return (
    <Paper
      withBorder
      radius="md"
      p="lg"
      bg="teal.0"
      component="section"
      aria-labelledby="break-title"
      data-on-break
    >
      {/* The countdown and "End break" first, so both are in view without scrolling. */}
      <Stack gap="md" align="center" ta="center" maw={600} mx="auto">
        <Group gap="sm" justify="center" wrap="nowrap">
          <ThemeIcon size={44} radius="xl" color="teal" variant="light" aria-hidden>
            {/* A pause sign: the clock stands still. */}
            <svg width="20" height="20" viewBox="0 0 28 28" fill="currentColor">
              <rect x="6" y="4" width="5" height="20" rx="2" />
              <rect x="17" y="4" width="5" height="20" rx="2" />
            </svg>
          </ThemeIcon>
          <Title order={2} id="break-title" ref={heading} tabIndex={-1}>
            {t('accommodationsLive.break.title')}
          </Title>
        </Group>
        <Text size="lg">
          {t('accommodationsLive.break.clockStopped', { time: formatClock(workLeftMs) })}
        </Text>
        <Stack gap={0} align="center">
          <Text size="sm" c="dimmed" id="break-left-label">
            {t('accommodationsLive.break.timeLeftLabel')}
          </Text>
          <Text
            fw={700}
            fz={44}
            lh={1.1}
            role="timer"
            aria-labelledby="break-left-label"
            style={{ fontVariantNumeric: 'tabular-nums' }}
          >
            {formatClock(left)}
          </Text>
        </Stack>
        {left <= 0 ? (
          <Alert color="teal" variant="light" role="status">
            {t('accommodationsLive.break.over')}
          </Alert>
        ) : null}
        <Button size="lg" color="teal" onClick={() => void send('end-break')} loading={busy}>
          {t('accommodationsLive.break.end')}
        </Button>
        {error ? (
          <Text c="red" role="alert">
            {error}
          </Text>
        ) : null}
        <Text>{t('accommodationsLive.break.safe')}</Text>
        <Text c="dimmed" size="sm">
          {t('accommodationsLive.break.recording')}
        </Text>
      </Stack>
    </Paper>
  );
}
