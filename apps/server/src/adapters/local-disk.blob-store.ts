// BlobStore on the local file system under DATA_DIR/blobs. Writes go to a temporary file that
// is fsynced, renamed into place, and the directory fsynced: a crash leaves the old blob or
// the new one, never half of one.
import { createHash, randomBytes } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { assertBlobKey, type BlobInfo, type BlobStore } from './blob-store.port.ts';

export class LocalDiskBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  async put(key: string, data: Uint8Array, known?: { sha256: string }): Promise<BlobInfo> {
    const file = this.file(key);
    const dir = path.dirname(file);
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    // Opening, closing and renaming change only metadata and take microseconds: they run here,
    // since a round trip through libuv's thread pool (four threads, shared with every other
    // upload) costs more than the call. The write and the two flushes, which wait for the disk,
    // go to the pool.
    let fd: number;
    try {
      fd = fsSync.openSync(tmp, 'w');
    } catch (e) {
      // The folder usually exists (a session's segments share one): made only when missing.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      fsSync.mkdirSync(dir, { recursive: true });
      fd = fsSync.openSync(tmp, 'w');
    }
    try {
      await writeAll(fd, data);
      await fsync(fd);
    } finally {
      fsSync.closeSync(fd);
    }
    fsSync.renameSync(tmp, file);
    const dirFd = fsSync.openSync(dir, 'r');
    try {
      await fsync(dirFd);
    } finally {
      fsSync.closeSync(dirFd);
    }
    return {
      key,
      size: data.byteLength,
      sha256: known?.sha256 ?? createHash('sha256').update(data).digest('hex'),
    };
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

const fsync = (fd: number) =>
  new Promise<void>((resolve, reject) => fsSync.fsync(fd, (e) => (e ? reject(e) : resolve())));

async function writeAll(fd: number, data: Uint8Array): Promise<void> {
  for (let at = 0; at < data.byteLength;) {
    at += await new Promise<number>((resolve, reject) =>
      fsSync.write(fd, data, at, data.byteLength - at, null, (e, n) =>
        e ? reject(e) : resolve(n),
      ),
    );
  }
}
