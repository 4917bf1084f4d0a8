// The workspace's side of the answer outbox: one per session, on IndexedDB when the browser
// has it (else in memory, with a warning), drained on every reconnect. The editor feeds it
// directly, so a keystroke re-renders the editor alone.
import { useEffect, useRef, useState } from 'react';
import type { SavedAnswer } from '@emtihan/protocol';
import { AnswerOutbox, type SendOutcome } from '../../outbox/answer.outbox';
import { idbOutboxStore, openOutboxDb } from '../../outbox/outbox.idb';
import { memoryOutboxStore, type OutboxStore } from '../../outbox/outbox.store';
import type { WrittenExam } from './use-written-exam';
import { outcomeOf } from './answer-outcome';

export type AnswerOutboxHandle =
  | { ready: false }
  | {
      ready: true;
      outbox: AnswerOutbox;
      /** The answer to show first: the newer of this device's copy and the server's. */
      initialBody: string;
      /** The answer is kept in memory only: this browser has no usable IndexedDB. */
      memoryOnly: boolean;
    };

export function useAnswerOutbox(
  sessionId: string,
  serverAnswer: SavedAnswer | null,
  written: WrittenExam,
): AnswerOutboxHandle {
  const [handle, setHandle] = useState<AnswerOutboxHandle>({ ready: false });
  // Only the server's answer at the moment the workspace opens is compared with the device's.
  const firstServerAnswer = useRef(serverAnswer);
  const { api, onReconnect } = written;

  useEffect(() => {
    let live = true;
    let created: AnswerOutbox | null = null;
    const storeReady: Promise<{ store: OutboxStore; memory: boolean }> = openOutboxDb().then(
      (db) => ({ store: idbOutboxStore(db), memory: false }),
      () => ({ store: memoryOutboxStore(), memory: true }),
    );
    void storeReady.then(async ({ store, memory }) => {
      if (!live) return;
      created = new AnswerOutbox({
        sessionId,
        store,
        transport: {
          send: (r) =>
            api
              .saveAnswer(sessionId, { seq: r.seq, body: r.body, sha256: r.sha256 })
              .then((): SendOutcome => ({ ok: true }), outcomeOf),
        },
      });
      const restored = await created.open(firstServerAnswer.current);
      if (!live) return;
      setHandle({ ready: true, outbox: created, initialBody: restored ?? '', memoryOnly: memory });
    });
    return () => {
      live = false;
      created?.close();
    };
  }, [api, sessionId]);

  const outbox = handle.ready ? handle.outbox : null;
  useEffect(() => {
    if (!outbox) return;
    return onReconnect(() => outbox.kick());
  }, [outbox, onReconnect]);

  return handle;
}
