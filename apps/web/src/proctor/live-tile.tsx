// One student in the console's grid: camera and screen (small and slow, pulled only while the
// tile is on screen), state, connection quality, flags, and the decisions that fit.
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterEntry } from '@emtihan/protocol';
import type { LinkQuality } from '../rtc/stats';
import { ReviewLink } from '../review/review.link';
import type { PageNow, TileVideo } from './console.rules';
import { AccommodationLine } from './accommodation-badge';
import { LiveVideo } from './live-video';
import { SideCamera, SideCameraState } from '../second-camera/side-camera';
import type { SecondCameraStatus } from '@emtihan/protocol';
import { useLinkQuality, useLiveMedia } from './use-live-media';

const LINK_COLOR: Record<LinkQuality, string> = {
  good: 'green',
  fair: 'yellow',
  poor: 'red',
  none: 'gray',
};

/** Whether the element is (nearly) on screen: off-screen tiles pull no media. */
function useOnScreen(): [(el: HTMLElement | null) => void, boolean] {
  const [el, setEl] = useState<HTMLElement | null>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!el) return;
    const io = new IntersectionObserver(([e]) => setVisible(!!e?.isIntersecting), {
      rootMargin: '200px',
    });
    io.observe(el);
    return () => io.disconnect();
  }, [el]);
  return [setEl, visible];
}

export interface TileProps {
  entry: RosterEntry & { sessionId: string };
  statusText: string;
  statusColor: string;
  selected: boolean;
  onSelect(): void;
  actions: ReactNode;
  flags?: ReactNode;
  assignment?: ReactNode;
  /** The student's page now: what holds (not yet a flag) or that it fell silent. */
  page?: PageNow;
  /** What of the student is live; a tile with nothing live pulls no media and says why. */
  video?: TileVideo;
  /** The student's phone camera, where the exam uses one (ADR 0023). */
  camera?: SecondCameraStatus;
}

export const LiveTile = memo(function LiveTile({
  entry,
  statusText,
  statusColor,
  selected,
  onSelect,
  actions,
  flags,
  assignment,
  page,
  video = { camera: true, screen: true, note: null },
  camera,
}: TileProps) {
  const { t } = useTranslation();
  const [ref, visible] = useOnScreen();
  const anyLive = video.camera || video.screen;
  const media = useLiveMedia(entry.sessionId, visible && anyLive ? 'tile' : null);
  const link = useLinkQuality(media?.pc);
  const card = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (selected && card.current && !card.current.contains(document.activeElement))
      card.current.focus();
  }, [selected]);
  const who = { name: entry.fullName };
  return (
    <Card
      ref={(el: HTMLDivElement | null) => {
        card.current = el;
        ref(el);
      }}
      withBorder
      padding="xs"
      role="group"
      aria-label={t('console.tileLabel', { name: entry.fullName, status: statusText })}
      tabIndex={selected ? 0 : -1}
      data-selected={selected || undefined}
      onClick={onSelect}
      onFocus={onSelect}
      style={{
        outline: selected ? '3px solid var(--mantine-color-blue-5)' : undefined,
        outlineOffset: 1,
      }}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Text fw={600} size="sm" truncate>
            {entry.fullName}
          </Text>
          <Badge color={statusColor} variant="light" size="sm" style={{ flexShrink: 0 }}>
            {statusText}
          </Badge>
        </Group>
        {anyLive ? (
          <SimpleGrid cols={video.camera && video.screen ? 2 : 1} spacing={4}>
            {video.camera ? (
              <LiveVideo stream={media?.streams.camera} label={t('live.camera', who)} height={96} />
            ) : null}
            {video.screen ? (
              <LiveVideo stream={media?.streams.screen} label={t('live.screen', who)} height={96} />
            ) : null}
          </SimpleGrid>
        ) : null}
        {anyLive ? (
          <SideCamera camera={camera} stream={media?.side} name={entry.fullName} height={72} />
        ) : camera && camera.mode !== 'off' ? (
          <SideCameraState camera={camera} />
        ) : null}
        {video.note ? (
          <Text size="xs" c="dimmed">
            {t(`roughEdges.noVideo.${video.note}`)}{' '}
            {anyLive ? null : <ReviewLink sessionId={entry.sessionId} />}
          </Text>
        ) : null}
        <Group gap={4} wrap="wrap">
          {!anyLive ? null : media?.refused ? (
            <Badge color="gray" variant="outline" size="xs">
              {t(
                `live.refused.${media.refused === 'not-assigned' || media.refused === 'forbidden' ? media.refused : 'other'}`,
              )}
            </Badge>
          ) : (
            <Badge color={LINK_COLOR[link]} variant="dot" size="xs">
              {t(`live.link.${link}`)}
            </Badge>
          )}
          {entry.terminationProposed ? (
            <Badge color="red" size="xs">
              {t('proctorExam.terminationProposed')}
            </Badge>
          ) : null}
          {entry.warningsIssued > 0 ? (
            <Badge
              color={entry.warningsUnacknowledged > 0 ? 'orange' : 'gray'}
              variant="light"
              size="xs"
            >
              {t('proctorExam.warningCount', {
                issued: entry.warningsIssued,
                open: entry.warningsUnacknowledged,
              })}
            </Badge>
          ) : null}
          {assignment}
        </Group>
        <AccommodationLine entry={entry} />
        {page ? <PageNowBadges page={page} /> : null}
        {flags}
        <Group gap={4} wrap="wrap">
          {actions}
        </Group>
      </Stack>
    </Card>
  );
});

/** What holds on the student's page right now, or that the page has gone quiet. */
function PageNowBadges({ page }: { page: PageNow }) {
  const { t } = useTranslation();
  if (page.silentSeconds !== null)
    return (
      <Group gap={4}>
        <Badge color="orange" variant="outline" size="xs" tt="none">
          {t('console.page.silent', { seconds: page.silentSeconds })}
        </Badge>
      </Group>
    );
  if (page.holding.length === 0) return null;
  return (
    <Group gap={4} wrap="wrap" aria-label={t('console.page.nowLabel')} role="list">
      {page.holding.map((c) => (
        <Badge key={c} role="listitem" color="gray" variant="outline" size="xs" tt="none">
          {t('console.page.now', { category: t(`flags.category.${c}`) })}
        </Badge>
      ))}
    </Group>
  );
}

/** A button inside a tile, small. */
export function TileButton({
  children,
  onClick,
  color,
  variant = 'light',
  'aria-label': label,
}: {
  children: ReactNode;
  onClick(): void;
  color?: string | undefined;
  variant?: 'light' | 'filled';
  'aria-label': string;
}) {
  return (
    <Button size="compact-xs" variant={variant} color={color} aria-label={label} onClick={onClick}>
      {children}
    </Button>
  );
}
