// The server detector's thread: human's WASM runs here, so a second of model work never holds up
// the server's event loop (signal ingestion, sockets). One request at a time, in arrival order.
import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import type { DescribedFace } from './identity.ts';
import { compareIdentityPhotos, describeImage, recheckSnapshot, serverEngine } from './node.ts';
import type { ThreadReply, ThreadRequest } from './server-detector.ts';

const port = parentPort!;
/** Check-in photos already described, by content hash (a session's flags share one). */
const references = new Map<string, DescribedFace[]>();
const REFERENCES_KEPT = 64;

async function reference(bytes: Uint8Array): Promise<DescribedFace[]> {
  const key = createHash('sha256').update(bytes).digest('hex');
  const known = references.get(key);
  if (known) return known;
  const faces = await describeImage(await serverEngine(), Buffer.from(bytes));
  references.set(key, faces);
  if (references.size > REFERENCES_KEPT) references.delete(references.keys().next().value!);
  return faces;
}

async function handle(request: ThreadRequest): Promise<unknown> {
  switch (request.op) {
    case 'warm':
      await serverEngine();
      return null;
    case 'recheck':
      return recheckSnapshot(Buffer.from(request.image), {
        ...(request.reference ? { reference: await reference(request.reference) } : {}),
      });
    case 'identity':
      return compareIdentityPhotos(Buffer.from(request.idPhoto), Buffer.from(request.facePhoto));
  }
}

let queue: Promise<unknown> = Promise.resolve();
port.on('message', (request: ThreadRequest) => {
  queue = queue.then(async () => {
    let reply: ThreadReply;
    try {
      reply = { id: request.id, ok: true, value: await handle(request) };
    } catch (error) {
      reply = {
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    port.postMessage(reply);
  });
});
