// The chat of one sitting, the same panel for the student and the proctor: the history from the
// server, new messages live (from the page's socket), a box to write in; the student can mark a
// message as a technical problem.
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  ScrollArea,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '@emtihan/protocol';
import { useSession } from '../session/session';

export function useChatMessages(sessionId: string, incoming: ChatMessage | null) {
  const { api } = useSession();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const add = useCallback(
    (m: ChatMessage) => setMessages((all) => (all.some((x) => x.id === m.id) ? all : [...all, m])),
    [],
  );
  useEffect(() => {
    const abort = new AbortController();
    api
      .call('sessionChat', { params: { sessionId }, signal: abort.signal })
      .then((r) =>
        setMessages((live) => {
          const ids = new Set(r.messages.map((m) => m.id));
          return [...r.messages, ...live.filter((m) => !ids.has(m.id))];
        }),
      )
      .catch(() => {});
    return () => abort.abort();
  }, [api, sessionId]);
  // A message that arrived live joins the list (adjusting state while rendering, once per id).
  const [lastIncoming, setLastIncoming] = useState<string | null>(null);
  if (incoming && incoming.sessionId === sessionId && incoming.id !== lastIncoming) {
    setLastIncoming(incoming.id);
    add(incoming);
  }
  return { messages, add };
}

export function ChatPanel({
  sessionId,
  side,
  title,
  incoming,
  canWrite = true,
}: {
  sessionId: string;
  side: 'student' | 'proctor';
  title: string;
  incoming: ChatMessage | null;
  canWrite?: boolean;
}) {
  const { t } = useTranslation();
  const { api, user } = useSession();
  const { messages, add } = useChatMessages(sessionId, incoming);
  const [text, setText] = useState('');
  const [technical, setTechnical] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const viewport = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [messages.length]);

  const send = async () => {
    const body = text.trim();
    if (!body) return;
    setBusy(true);
    setFailed(false);
    try {
      add(
        await api.call('postChat', {
          params: { sessionId },
          body: side === 'student' ? { body, technical } : { body },
        }),
      );
      setText('');
      setTechnical(false);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="sm" component="section" aria-label={title}>
      <Stack gap="xs">
        <Text fw={600}>{title}</Text>
        <ScrollArea.Autosize mah={260} viewportRef={viewport}>
          <Stack gap={6} role="log" aria-label={t('chat.messages')}>
            {messages.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('chat.empty')}
              </Text>
            ) : (
              messages.map((m) => {
                const mine = m.authorId === user?.id;
                return (
                  <Stack key={m.id} gap={0} align={mine ? 'flex-end' : 'flex-start'}>
                    <Group gap={4}>
                      <Text size="xs" c="dimmed">
                        {mine
                          ? t('chat.you')
                          : m.authorRole === 'proctor' && side === 'student'
                            ? t('chat.proctor')
                            : m.authorName}{' '}
                        · {new Date(m.createdAt).toLocaleTimeString()}
                      </Text>
                      {m.technical ? (
                        <Badge size="xs" color="orange">
                          {t('chat.technical')}
                        </Badge>
                      ) : null}
                    </Group>
                    <Paper
                      px="xs"
                      py={4}
                      bg={mine ? 'blue.0' : 'gray.1'}
                      style={{ maxWidth: '90%', whiteSpace: 'pre-wrap' }}
                    >
                      <Text size="sm">{m.body}</Text>
                    </Paper>
                  </Stack>
                );
              })
            )}
          </Stack>
        </ScrollArea.Autosize>
        {canWrite ? (
          <>
            <Textarea
              label={t('chat.message')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  void send();
                }
              }}
              autosize
              minRows={1}
              maxRows={4}
              maxLength={2000}
            />
            <Group justify="space-between">
              {side === 'student' ? (
                <Checkbox
                  label={t('chat.reportTechnical')}
                  checked={technical}
                  onChange={(e) => setTechnical(e.currentTarget.checked)}
                />
              ) : (
                <span />
              )}
              <Button size="xs" onClick={() => void send()} loading={busy} disabled={!text.trim()}>
                {t('chat.send')}
              </Button>
            </Group>
            {failed ? (
              <Alert color="red" variant="light" role="alert">
                {t('chat.sendFailed')}
              </Alert>
            ) : null}
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
