import { Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock, remainingMs } from './written-flow.rules';

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

/** Time left, by the server's clock (deadline and offset), ticking every second. */
export function ExamTimer({
  deadline,
  offset,
  onExpired,
}: {
  deadline: number;
  offset: number;
  onExpired: () => void;
}) {
  const { t } = useTranslation();
  const [deviceNow, setDeviceNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setDeviceNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const left = remainingMs(deadline, deviceNow, offset);
  // The live region's text changes only when a threshold is crossed, so it is read out once.
  const announced = left > 0 ? (ANNOUNCE_AT_MIN.find((m) => left <= m * 60_000) ?? null) : null;
  const expired = useRef(false);
  useEffect(() => {
    if (left === 0 && !expired.current) {
      expired.current = true;
      onExpired();
    }
  }, [left, onExpired]);
  return (
    <>
      <Text
        fw={700}
        size="xl"
        c={left < 5 * 60_000 ? 'red' : undefined}
        role="timer"
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {t('written.timer.left', { time: formatClock(left) })}
      </Text>
      <span role="status" style={visuallyHidden}>
        {announced !== null ? t('written.timer.announce', { minutes: announced }) : ''}
      </span>
    </>
  );
}
