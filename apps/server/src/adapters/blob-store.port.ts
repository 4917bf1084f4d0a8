// The storage port for files: evidence, photos, attachments. Local disk by default; an
// S3-compatible store implements the same contract (test/contract/blob-store.contract.test.ts).
import { createHash } from 'node:crypto';

export interface BlobInfo {
  key: string;
  size: number;
  sha256: string;
}

/**
 * A blob's bytes: one array, or the pieces it arrived in (an upload's body as the network
 * delivered it, so it need not be copied into one array first).
 */
export type BlobBytes = Uint8Array | readonly Uint8Array[];

export const piecesOf = (data: BlobBytes): readonly Uint8Array[] =>
  data instanceof Uint8Array ? [data] : data;

export const byteLengthOf = (data: BlobBytes): number =>
  data instanceof Uint8Array ? data.byteLength : data.reduce((n, c) => n + c.byteLength, 0);

/** The SHA-256 (hex) of the bytes, hashed piece by piece. */
export function sha256Of(data: BlobBytes): string {
  const hash = createHash('sha256');
  for (const piece of piecesOf(data)) hash.update(piece);
  return hash.digest('hex');
}

/** The bytes in one array (copied only when there are several pieces). */
export function joinBytes(data: BlobBytes): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data.length === 1) return data[0]!;
  return Buffer.concat(data);
}

export interface WrittenBlob {
  info: BlobInfo;
  /** Kept once the bytes are on stable storage; rejected if flushing them failed. */
  durable: Promise<void>;
}

export interface BlobStore {
  /**
   * Writes the bytes durably (flushed to stable storage) before resolving, so a caller may
   * acknowledge the upload once this returns. Writing the same key again replaces it.
   * `known.sha256`: the caller has just hashed these bytes itself; they are not hashed again.
   */
  put(key: string, data: BlobBytes, known?: { sha256: string }): Promise<BlobInfo>;
  /**
   * `put` in two steps, for a caller that has its own wait for the disk to run meanwhile:
   * resolves once the bytes are written (a full store is refused here, as by `put`), with
   * `durable` kept once they are flushed to stable storage. A store that cannot tell the two
   * apart resolves once they are durable. Once it resolves the store holds no reference to
   * `data`: the caller may let the bytes go while it waits for `durable`.
   */
  write(key: string, data: BlobBytes, known?: { sha256: string }): Promise<WrittenBlob>;
  /** The bytes, or undefined when the key does not exist. */
  get(key: string): Promise<Uint8Array | undefined>;
  head(key: string): Promise<Omit<BlobInfo, 'sha256'> | undefined>;
  delete(key: string): Promise<boolean>;
  /** Keys under a prefix, sorted. */
  list(prefix: string): Promise<string[]>;
}

/** Keys are relative paths of safe segments: no `..`, no absolute paths, no odd characters. */
export function assertBlobKey(key: string): void {
  if (
    !/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(key) ||
    key.includes('..')
  ) {
    throw new Error(`invalid blob key: ${JSON.stringify(key)}`);
  }
}
