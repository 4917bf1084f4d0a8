import { Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session';
import { formatTime } from '../../ui/format';
import { formatClock, timerState } from './written-flow.rules';

/** Minutes left at which the student is told (the smallest crossed threshold is read out). */
const ANNOUNCE_AT_MIN = [1, 5, 10];

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/**
 * Time left, by the server's clock (deadline and offset), ticking every second; after the
 * deadline, the grace period the exam gives (`graceMs`, 0 for none), in which work is marked late.
 * On a rest break (`stoppedAt`: when it began) the clock stands still at what was left then, and
 * the end is not shown (it moves with the break).
 */
export function ExamTimer({
  deadline,
  graceMs = 0,
  offset,
  onExpired,
  stoppedAt = null,
}: {
  deadline: number;
  graceMs?: number;
  offset: number;
  onExpired: () => void;
  stoppedAt?: number | null;
}) {
  const { t } = useTranslation();
  const { language } = useSession();
  const [deviceNow, setDeviceNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setDeviceNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  // Stopped: the clock as it stood when the break began (server time, so the offset is 0).
  const clock =
    stoppedAt === null
      ? timerState(deadline, graceMs, deviceNow, offset)
      : timerState(deadline, graceMs, stoppedAt, 0);
  const left = clock.leftMs;
  // The live region's text changes only when a threshold is crossed, so it is read out once.
  const announced =
    clock.phase === 'work' ? (ANNOUNCE_AT_MIN.find((m) => left <= m * 60_000) ?? null) : null;
  const expired = useRef(false);
  useEffect(() => {
    // A deadline moved later (compensation, a changed exam) runs again to its own end.
    if (clock.phase !== 'over' || stoppedAt !== null) expired.current = false;
    else if (!expired.current) {
      expired.current = true;
      onExpired();
    }
  }, [clock.phase, onExpired, stoppedAt]);
  if (stoppedAt !== null)
    return (
      <Text fw={700} size="xl" role="timer" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {t('accommodationsLive.timer.stopped', { time: formatClock(left) })}
      </Text>
    );
  return (
    <>
      <div>
        <Text
          fw={700}
          size="xl"
          c={clock.phase === 'grace' || left < 5 * 60_000 ? 'red' : undefined}
          role="timer"
          style={{ fontVariantNumeric: 'tabular-nums' }}
        >
          {clock.phase === 'grace'
            ? t('written.timeUp.grace', { time: formatClock(left) })
            : t('written.timer.left', { time: formatClock(left) })}
        </Text>
        {clock.phase === 'work' ? (
          <Text size="sm" c="dimmed" data-work-ends={deadline}>
            {t('accommodationsLive.timer.endsAt', {
              time: formatTime(new Date(deadline).toISOString(), language),
            })}
          </Text>
        ) : null}
      </div>
      <span role="status" style={visuallyHidden}>
        {clock.phase === 'grace'
          ? t('written.timeUp.graceStarted')
          : announced !== null
            ? t('written.timer.announce', { minutes: announced })
            : ''}
      </span>
    </>
  );
}
