// BlobStore on the local file system under DATA_DIR/blobs. Writes go to a temporary file that
// is fsynced, renamed into place, and the directory fsynced: a crash leaves the old blob or
// the new one, never half of one.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { assertBlobKey, type BlobInfo, type BlobStore } from './blob-store.port.ts';

export class LocalDiskBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  async put(key: string, data: Uint8Array, known?: { sha256: string }): Promise<BlobInfo> {
    const file = this.file(key);
    const dir = path.dirname(file);
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    // The folder usually exists (a session's segments share one): make it only when it is missing.
    const handle = await fs.open(tmp, 'w').catch(async (e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
      await fs.mkdir(dir, { recursive: true });
      return fs.open(tmp, 'w');
    });
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
    const dirHandle = await fs.open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
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
