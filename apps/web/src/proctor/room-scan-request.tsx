// A room scan on the proctor's request (seed: "if asked, show the desk and the room"): the
// proctor asks from the focus view where the exam allows it; the console marks the sitting until
// the scan arrives, and the latest scan plays beside the live video.
import { Badge, Button, Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterEntry, SessionView } from '@emtihan/protocol';
import { ApiError } from '../api/client';
import { useSession } from '../session/session';
import { ErrorAlert } from '../ui/status';
import { useLoad } from '../ui/use-load';

type LiveEntry = RosterEntry & { sessionId: string };

const REFUSALS = [
  'room-scan-not-allowed',
  'room-scan-already-requested',
  'room-scan-not-requested',
] as const;
const isRefusal = (r: unknown): r is (typeof REFUSALS)[number] =>
  (REFUSALS as readonly unknown[]).includes(r);

/** "Room scan requested" on a sitting until the scan arrives. */
export function RoomScanRequestedBadge({ entry }: { entry: RosterEntry }) {
  const { t } = useTranslation();
  return entry.roomScanRequestedAt !== null ? (
    <Badge size="xs" color="orange" variant="light" role="status">
      {t('roomScanRequest.requested')}
    </Badge>
  ) : null;
}

/**
 * The proctor's "Ask for a room scan", for a student at work, where the exam allows it; once
 * asked, the request shows until the scan arrives.
 */
export function AskRoomScan({ entry, onAsked }: { entry: LiveEntry; onAsked(): void }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (entry.roomScanRequestedAt !== null) {
    return (
      <Text size="sm" c="orange" role="status">
        {t('roomScanRequest.requested')}
      </Text>
    );
  }
  if (entry.status !== 'in_progress') return null;
  const ask = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.call('sessionCommand', {
        params: { sessionId: entry.sessionId },
        body: { type: 'request-room-scan' },
      });
      onAsked();
    } catch (e) {
      setError(
        e instanceof ApiError && isRefusal(e.reason)
          ? t(`roomScanRequest.refusal.${e.reason}`)
          : e instanceof Error
            ? e.message
            : String(e),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="xs" variant="light" color="orange" loading={busy} onClick={() => void ask()}>
        {t('roomScanRequest.ask')}
      </Button>
      {error ? (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      ) : null}
    </>
  );
}

/** The sitting's latest room scan (from check-in, or the one asked for), playable. */
export function LatestRoomScan({ entry }: { entry: LiveEntry }) {
  const { t } = useTranslation();
  const { api } = useSession();
  // Read again when a request is met (the roster's field changes with it).
  const requested = entry.roomScanRequestedAt;
  const load = useCallback(
    (signal: AbortSignal): Promise<SessionView> =>
      api.call('getSession', { params: { sessionId: entry.sessionId }, signal }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `requested` triggers a new read
    [api, entry.sessionId, requested],
  );
  const session = useLoad(load);
  const scan = [...(session.data?.files ?? [])].reverse().find((f) => f.kind === 'room-scan');
  if (!scan) return <ErrorAlert error={session.error} />;
  return (
    <Stack gap={4} component="section" aria-label={t('roomScanRequest.latest')}>
      <Text size="sm" fw={600}>
        {t('roomScanRequest.latest')} · {new Date(scan.createdAt).toLocaleTimeString()}
      </Text>
      <video
        controls
        src={`/api/sessions/${entry.sessionId}/files/${scan.id}`}
        aria-label={t('roomScanRequest.play')}
        style={{ width: '100%', maxHeight: 240 }}
      />
    </Stack>
  );
}
