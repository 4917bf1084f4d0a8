// BlobStore on the local file system under DATA_DIR/blobs. A blob is durable (file and folder
// fsynced) when `put` resolves. A new key is written in place; an existing one is replaced
// through a temporary file renamed over it, so a crash leaves the old blob or the new one.
import { randomBytes } from 'node:crypto';
import fs, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import {
  assertBlobKey,
  byteLengthOf,
  piecesOf,
  sha256Of,
  type BlobBytes,
  type BlobInfo,
  type BlobStore,
} from './blob-store.port.ts';

export class LocalDiskBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  async put(key: string, data: BlobBytes, known?: { sha256: string }): Promise<BlobInfo> {
    const file = this.file(key);
    const dir = path.dirname(file);
    // A new key (every evidence segment's: its key names its content) is written in place, so
    // creating the file is the only change to the folder, and the file and its folder are flushed
    // at the same time: one wait for the disk instead of three in a row (file, rename, folder).
    // A crash before both flushes end can leave part of a file under a key that had none and
    // that nothing refers to yet (nothing was acknowledged); putting that key again replaces it.
    const fresh = await openNew(file, dir);
    if (fresh) {
      try {
        await writeAll(fresh, data);
        await Promise.all([fresh.sync(), syncFolder(dir)]);
      } finally {
        await fresh.close();
      }
    } else {
      // The key exists: the new content goes to a temporary file that is flushed and renamed over
      // it, so a crash leaves the old blob or the new one, never half of one.
      const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      const handle = await fs.open(tmp, 'w');
      try {
        await writeAll(handle, data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, file);
      await syncFolder(dir);
    }
    return { key, size: byteLengthOf(data), sha256: known?.sha256 ?? sha256Of(data) };
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await fs.readFile(this.file(key)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async head(key: string) {
    try {
      const st = await fs.stat(this.file(key));
      return { key, size: st.size };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      await fs.unlink(this.file(key));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }

  async list(prefix: string): Promise<string[]> {
    const base = path.join(this.root);
    let entries: string[];
    try {
      entries = await fs.readdir(base, { recursive: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const keys: string[] = [];
    for (const rel of entries) {
      const key = rel.split(path.sep).join('/');
      if (!key.startsWith(prefix) || key.endsWith('.tmp')) continue;
      if ((await fs.stat(path.join(base, rel))).isFile()) keys.push(key);
    }
    return keys.sort();
  }

  private file(key: string): string {
    assertBlobKey(key);
    return path.join(this.root, ...key.split('/'));
  }
}

/** Writes all the bytes at the file's position: the pieces in one call, not copied together. */
async function writeAll(handle: FileHandle, data: BlobBytes): Promise<void> {
  const pieces = piecesOf(data);
  if (pieces.length === 1) return handle.writeFile(pieces[0]!);
  const { bytesWritten } = await handle.writev(pieces as Uint8Array[]);
  // libuv writes a regular file's pieces whole; should it stop short, the rest follows.
  const total = byteLengthOf(pieces);
  if (bytesWritten < total) await handle.writeFile(Buffer.concat(pieces).subarray(bytesWritten));
}

/** The file created for writing, or undefined when it exists already. */
async function openNew(file: string, dir: string): Promise<FileHandle | undefined> {
  try {
    return await fs.open(file, 'wx');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return undefined;
    if (code !== 'ENOENT') throw e;
  }
  // The folder usually exists (a session's segments share one): made only when missing.
  await fs.mkdir(dir, { recursive: true });
  return openNew(file, dir);
}

async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
