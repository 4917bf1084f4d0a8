// An upload's body kept in the pieces the network delivered (≈ 64 KB each), for routes that
// write them out as they are: Fastify's own raw parser copies them into one buffer first (a
// copy of every byte, and one more large allocation per request for the collector).
import type { Readable } from 'node:stream';
import { errorCodes, type FastifyRequest } from 'fastify';

export class ReceivedBytes {
  #pieces: Buffer[] | undefined;

  constructor(
    pieces: Buffer[],
    readonly byteLength: number,
  ) {
    this.#pieces = pieces;
  }

  /**
   * The pieces, handed over once: the request keeps no reference to them afterwards, so a
   * handler that lets them go once they are stored lets the collector take them young.
   */
  take(): Buffer[] {
    const pieces = this.#pieces ?? [];
    this.#pieces = undefined;
    return pieces;
  }
}

/**
 * A content type parser (Fastify's `parser(request, payload, done)`) that enforces the route's
 * body limit and the declared length with Fastify's own errors, as its raw parser does.
 */
export function receiveBytes(
  req: FastifyRequest,
  payload: Readable & { receivedEncodedLength?: number },
  done: (err: Error | null, body?: ReceivedBytes) => void,
): void {
  const limit = req.routeOptions.bodyLimit ?? 0;
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
  const pieces: Buffer[] = [];
  let received = 0;
  const stop = () => {
    payload.removeListener('data', onData);
    payload.removeListener('end', onEnd);
    payload.removeListener('error', onEnd);
  };
  const onData = (chunk: Buffer | string) => {
    const piece = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    received += piece.byteLength;
    if (received > limit || (payload.receivedEncodedLength ?? 0) > limit) {
      stop();
      done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
      return;
    }
    pieces.push(piece);
  };
  const onEnd = (err?: Error & { statusCode?: number }) => {
    stop();
    if (err) {
      if (!(typeof err.statusCode === 'number' && err.statusCode >= 400)) err.statusCode = 400;
      return done(err);
    }
    if (!Number.isNaN(declared) && (payload.receivedEncodedLength || received) !== declared)
      return done(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH());
    done(null, new ReceivedBytes(pieces, received));
  };
  payload.on('data', onData);
  payload.on('end', onEnd);
  payload.on('error', onEnd);
  payload.resume();
}
