// The detectors for the server, in a worker thread: re-checks of flag evidence and the identity
// comparison at check-in. The thread starts on the first request (a server that never gets one
// never loads a model) and again after a crash; requests run one at a time, so the server
// spends at most one core's share on models whatever the load.
import { Worker } from 'node:worker_threads';
import type { IdentityComparison } from './identity.ts';
import type { SnapshotCheck } from './node.ts';

export type ThreadRequest =
  | { id: number; op: 'warm' }
  | { id: number; op: 'recheck'; image: Uint8Array; reference?: Uint8Array }
  | { id: number; op: 'identity'; idPhoto: Uint8Array; facePhoto: Uint8Array };

export type ThreadReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

type Payload<R> = R extends { id: number } ? Omit<R, 'id'> : never;

export interface ServerDetector {
  /** Faces and objects of a snapshot; with a reference photo, also the face's similarity. */
  recheck(image: Uint8Array, options?: { reference?: Uint8Array }): Promise<SnapshotCheck>;
  /** The check-in face photo against the ID document photo. */
  identity(
    idPhoto: Uint8Array,
    facePhoto: Uint8Array,
  ): Promise<IdentityComparison & { ms: number }>;
  /** Loads the models now (else on the first request). */
  warm(): Promise<void>;
  close(): Promise<void>;
}

export function createServerDetector(): ServerDetector {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  const thread = (): Worker => {
    if (worker) return worker;
    const w = new Worker(new URL('./server-detector.worker.mjs', import.meta.url));
    w.on('message', (reply: ThreadReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(new Error(reply.error));
    });
    const fail = (error: Error) => {
      if (worker === w) worker = null;
      for (const [id, waiting] of pending) {
        pending.delete(id);
        waiting.reject(error);
      }
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`detector thread exited (${code})`)));
    worker = w;
    return w;
  };

  const call = <T>(request: Payload<ThreadRequest>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      thread().postMessage({ ...request, id });
    });

  return {
    recheck: (image, options = {}) =>
      call<SnapshotCheck>({
        op: 'recheck',
        image,
        ...(options.reference ? { reference: options.reference } : {}),
      }),
    identity: (idPhoto, facePhoto) => call({ op: 'identity', idPhoto, facePhoto }),
    warm: () => call({ op: 'warm' }),
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
