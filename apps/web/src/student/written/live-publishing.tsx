// Mounted once on the exam page (across waiting room and workspace, so switching screens keeps
// the connections): publishes the media, says whether a proctor is watching, and carries the
// chat with the proctor (new proctor messages are announced).
import { Affix, Alert, Badge, Button, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChatPanel } from '../../chat/chat-panel';
import { useSession } from '../../session/session';
import { useLivePublisher } from './use-live-publisher';

export function LivePublishing({ sessionId, active }: { sessionId: string; active: boolean }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { viewers, chat } = useLivePublisher(sessionId, active);
  const fromProctor = chat && chat.authorId !== user?.id ? chat : null;
  // The chat opens by itself when the proctor writes.
  const [open, setOpen] = useState(false);
  const [seen, setSeen] = useState<string | null>(null);
  if (fromProctor && fromProctor.id !== seen) {
    setSeen(fromProctor.id);
    setOpen(true);
  }
  if (!active) return null;
  return (
    <Stack gap="xs">
      <div role="status">
        <Badge color={viewers > 0 ? 'green' : 'gray'} variant="light">
          {viewers > 0 ? t('live.student.watched') : t('live.student.notWatched')}
        </Badge>
      </div>
      {fromProctor ? (
        <Alert key={fromProctor.id} color="blue" variant="light" role="alert">
          {t('chat.newFromProctor', { text: fromProctor.body })}
        </Alert>
      ) : null}
      <Affix position={{ bottom: 64, right: 16 }} zIndex={150}>
        <Stack gap="xs" align="flex-end" w={open ? 360 : undefined}>
          {open ? (
            <ChatPanel
              sessionId={sessionId}
              side="student"
              title={t('chat.studentTitle')}
              incoming={chat}
            />
          ) : null}
          <Button
            variant={open ? 'default' : 'filled'}
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
          >
            {t('chat.studentTitle')}
          </Button>
        </Stack>
      </Affix>
    </Stack>
  );
}
