// The commission's view of a recorded slot's evidence: each turn's recordings (camera with both
// sides' sound, and the screen when it was shared), playable here, each with its SHA-256 as the
// protocol lists it.
import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api, type OralRoomView } from '@emtihan/protocol';
import { fillPath } from '../api/client';
import { useSession } from '../session/session';
import { formatTime } from '../ui/format';

export function RecordingsPanel({ room }: { room: OralRoomView }) {
  const { t } = useTranslation();
  const { language } = useSession();
  if (!room.slot.record) return null;
  const turns = room.turns.filter((turn) => turn.sessionId && turn.recordings.length > 0);
  return (
    <Card withBorder component="section" aria-labelledby="oral-recordings">
      <Title order={2} size="h4" id="oral-recordings">
        {t('oral.recordings.title')}
      </Title>
      {turns.length === 0 ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t('oral.recordings.none')}
        </Text>
      ) : null}
      {turns.map((turn) => (
        <Stack
          key={turn.studentId}
          gap="xs"
          mt="sm"
          component="section"
          aria-label={t('oral.recordings.of', { name: turn.fullName })}
        >
          <Text fw={600}>{turn.fullName}</Text>
          {turn.recordings.map((r) => {
            const label = t('oral.recordings.item', {
              name: turn.fullName,
              kind: t(r.track === 'screen' ? 'oral.recordings.screen' : 'oral.recordings.camera'),
              n: r.seq + 1,
            });
            const src = fillPath(api.evidenceSegment.path, {
              sessionId: turn.sessionId,
              track: r.track,
              seq: String(r.seq),
            });
            return (
              <Stack key={`${r.track}-${r.seq}`} gap={2} component="figure" m={0}>
                {r.deletedAt === null ? (
                  <video
                    controls
                    preload="none"
                    src={src}
                    aria-label={label}
                    style={{ width: '100%', background: '#222', borderRadius: 4 }}
                  />
                ) : null}
                <Text component="figcaption" size="xs">
                  {label}
                  <br />
                  <Text span size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                    {t('oral.recordings.meta', {
                      time: formatTime(new Date(r.startedAt).toISOString(), language),
                      seconds: Math.round(r.durationMs / 1000),
                      hash: r.sha256,
                    })}
                  </Text>
                </Text>
              </Stack>
            );
          })}
        </Stack>
      ))}
    </Card>
  );
}
