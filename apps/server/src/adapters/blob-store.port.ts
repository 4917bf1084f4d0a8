// The storage port for files: evidence, photos, attachments. Local disk by default; an
// S3-compatible store implements the same contract (test/contract/blob-store.contract.test.ts).

export interface BlobInfo {
  key: string;
  size: number;
  sha256: string;
}

export interface BlobStore {
  /**
   * Writes the bytes durably (flushed to stable storage) before resolving, so a caller may
   * acknowledge the upload once this returns. Writing the same key again replaces it.
   * `known.sha256`: the caller has just hashed these bytes itself; they are not hashed again.
   */
  put(key: string, data: Uint8Array, known?: { sha256: string }): Promise<BlobInfo>;
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
