// A student's flags for the proctor: newest first, each with its translated name, its severity
// in words (not only a colour), when it began, how long it lasted or that it goes on, and the
// snapshot of the moment. A flag is a pointer for a person to look, never a verdict.
import { Anchor, Badge, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlagMessage, FlagView } from '@emtihan/protocol';
import { orderFlags } from '../console.rules';
import { ServerCheck, useServerObjects } from '../../review/server-check';

const SEVERITY_COLOR = { minor: 'yellow', gross: 'red' } as const;

const evidenceUrl = (f: FlagView) => `/api/sessions/${f.sessionId}/files/${f.evidenceFileId}`;

/** The severity in words as well as colour; filled while the flag goes on. */
function SeverityBadge({ flag, size }: { flag: FlagView; size?: 'xs' }) {
  const { t } = useTranslation();
  return (
    <Badge
      size={size}
      color={SEVERITY_COLOR[flag.severity]}
      variant={flag.ongoing ? 'filled' : 'light'}
      style={{ flexShrink: 0, overflow: 'visible' }}
    >
      {t(`flags.severity.${flag.severity}`)}
    </Badge>
  );
}

const clock = (ms: number) => {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
};

export function FlagList({
  flags,
  studentName,
  limit = 3,
}: {
  flags: readonly FlagView[];
  studentName: string;
  /** Shown at first; the rest behind a "more" button. */
  limit?: number;
}) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  if (flags.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('flags.none')}
      </Text>
    );
  }
  const shown = all ? flags : flags.slice(0, limit);
  return (
    <>
      <List
        size="sm"
        spacing={4}
        listStyleType="none"
        aria-label={t('flags.listLabel', { name: studentName })}
      >
        {shown.map((f) => {
          const category = t(`flags.category.${f.category}`);
          return (
            <List.Item key={f.id}>
              <Group gap={6} wrap="wrap" miw={160}>
                <SeverityBadge flag={f} />
                <Text size="sm" fw={500}>
                  {category}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('flags.at', { time: clock(f.startAt) })} ·{' '}
                  {f.ongoing
                    ? t('flags.ongoing')
                    : t('flags.lasted', { seconds: Math.round((f.endAt - f.startAt) / 1000) })}
                </Text>
                {f.evidenceFileId ? (
                  <Anchor
                    size="xs"
                    href={evidenceUrl(f)}
                    target="_blank"
                    rel="noreferrer"
                    aria-label={t('flags.evidenceOf', { category, name: studentName })}
                  >
                    {t('flags.evidence')}
                  </Anchor>
                ) : null}
              </Group>
              <ServerCheck check={f.serverCheck} size="xs" />
            </List.Item>
          );
        })}
      </List>
      {!all && flags.length > limit ? (
        <Anchor component="button" size="xs" onClick={() => setAll(true)}>
          {t('flags.more', { count: flags.length - limit })}
        </Anchor>
      ) : null}
    </>
  );
}

/**
 * The same flags on a student's console tile: the three newest (the gross before the minor at
 * one moment), each name a link to its snapshot where there is one.
 */
export function FlagTileList({ flags }: { flags: readonly FlagView[] }) {
  const { t } = useTranslation();
  const objectsOf = useServerObjects();
  if (!flags.length) return null;
  const ordered = orderFlags(flags);
  const shown = 3;
  return (
    <Stack gap={2} aria-label={t('console.flags')}>
      {ordered.slice(0, shown).map((f) => {
        const category = t(`flags.category.${f.category}`);
        return (
          <Group key={f.id} gap={4} wrap="nowrap">
            <SeverityBadge flag={f} size="xs" />
            <Text size="xs" truncate>
              {f.evidenceFileId ? (
                <Anchor
                  href={evidenceUrl(f)}
                  target="_blank"
                  rel="noreferrer"
                  aria-label={t('console.evidence', { category })}
                >
                  {category}
                </Anchor>
              ) : (
                category
              )}{' '}
              · {clock(f.startAt)}
              {f.serverCheck?.status === 'done'
                ? ` · ${t('console.serverSaw', {
                    faces: f.serverCheck.faces ?? 0,
                    objects: objectsOf(f.serverCheck),
                  })}`
                : null}
            </Text>
          </Group>
        );
      })}
      {ordered.length > shown ? (
        <Text size="xs" c="dimmed">
          {t('console.moreFlags', { count: ordered.length - shown })}
        </Text>
      ) : null}
    </Stack>
  );
}

/** Says a new or grown flag out loud (screen readers) and on screen. */
export function FlagAnnouncement({
  last,
  nameOf,
}: {
  last: FlagMessage | null;
  nameOf: (studentId: string) => string;
}) {
  const { t } = useTranslation();
  const text =
    last && last.change !== 'ended'
      ? t('flags.announce', {
          name: nameOf(last.studentId),
          category: t(`flags.category.${last.flag.category}`),
          severity: t(`flags.severity.${last.flag.severity}`),
        })
      : '';
  return (
    <Text role="status" size="sm" c={last?.flag.severity === 'gross' ? 'red' : undefined}>
      {text}
    </Text>
  );
}
