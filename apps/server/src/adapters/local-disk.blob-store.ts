// BlobStore on the local file system under DATA_DIR/blobs. A blob is durable (file and folder
// fsynced) when `put` resolves, or when `write`'s `durable` is kept. A new key is written in place;
// an existing one is replaced through a temporary file renamed over it, so a crash leaves the old
// blob or the new one.
import { randomBytes } from 'node:crypto';
import fsCb, { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  assertBlobKey,
  byteLengthOf,
  piecesOf,
  sha256Of,
  type BlobBytes,
  type BlobInfo,
  type BlobStore,
  type WrittenBlob,
} from './blob-store.port.ts';

export class LocalDiskBlobStore implements BlobStore {
  /** Open folders, each kept for flushing the new files made in it (see `FolderHandles`). */
  private readonly folders = new FolderHandles();

  constructor(private readonly root: string) {}

  async put(key: string, data: BlobBytes, known?: { sha256: string }): Promise<BlobInfo> {
    const { info, durable } = await this.write(key, data, known);
    await durable;
    return info;
  }

  async write(key: string, data: BlobBytes, known?: { sha256: string }): Promise<WrittenBlob> {
    const file = this.file(key);
    const dir = path.dirname(file);
    const info = { key, size: byteLengthOf(data), sha256: known?.sha256 ?? sha256Of(data) };
    // A new key (every evidence segment's: its key names its content) is written in place, so
    // creating the file is the only change to the folder. Once written, the file and its folder
    // (through a handle kept open) are flushed at the same time: one wait for the disk, which the
    // caller may spend on its own. A crash before both flushes end can leave part of a file
    // under a key whose upload was not acknowledged; putting that key again replaces it.
    const fresh = await this.openNew(file, dir);
    if (fresh !== undefined) {
      try {
        await writeAllTo(fresh, piecesOf(data));
      } catch (e) {
        await closeFd(fresh);
        throw e;
      }
      const durable = Promise.all([fsyncFd(fresh), this.folders.sync(dir)]).then(() => {});
      // Closed once both flushes end, without the caller waiting for it (a failure of either is
      // the caller's to see through `durable`; this chain only keeps it from going unhandled).
      void durable.catch(() => {}).then(() => fsCb.close(fresh, () => {}));
      return { info, durable };
    }
    // The key exists: the new content goes to a temporary file that is flushed and renamed over
    // it, so a crash leaves the old blob or the new one, never half of one.
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = await openFd(tmp, REPLACEMENT_FILE);
    try {
      await writeAllTo(fd, piecesOf(data));
      await fsyncFd(fd);
    } finally {
      await closeFd(fd);
    }
    await fs.rename(tmp, file);
    await syncFolder(dir);
    return { info, durable: Promise.resolve() };
  }

  /** The new file's descriptor, or undefined when it exists already. */
  private async openNew(file: string, dir: string): Promise<number | undefined> {
    try {
      return await openFd(file, NEW_FILE);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return undefined;
      if (code !== 'ENOENT') throw e;
    }
    // The folder usually exists (a session's segments share one): made only when missing. A
    // handle kept for a folder of that name before refers to one removed since: let it go.
    this.folders.forget(dir);
    const first = await fs.mkdir(dir, { recursive: true });
    // Each folder made is an entry in its parent: those are flushed too, once per new folder.
    if (first !== undefined)
      for (let made = dir; made.length >= first.length; made = path.dirname(made))
        await syncFolder(path.dirname(made));
    return this.openNew(file, dir);
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

const NEW_FILE = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL;
const REPLACEMENT_FILE = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_TRUNC;

// Node's callback calls on plain descriptors: the promise API wraps each in a FileHandle, which
// costs the event loop more per call than the call itself on this path.
const openFd = promisify(fsCb.open) as (file: string, flags: number) => Promise<number>;
const closeFd = promisify(fsCb.close);
const fsyncFd = promisify(fsCb.fsync);
const writevFd = (fd: number, pieces: readonly Uint8Array[]) =>
  new Promise<number>((resolve, reject) =>
    fsCb.writev(fd, pieces as Uint8Array[], (e, n) => (e ? reject(e) : resolve(n))),
  );
const writeFd = (fd: number, bytes: Uint8Array) =>
  new Promise<number>((resolve, reject) =>
    fsCb.write(fd, bytes, (e, n) => (e ? reject(e) : resolve(n))),
  );

/** Writes all the pieces at the descriptor's position, in one call when it takes them whole. */
async function writeAllTo(fd: number, pieces: readonly Uint8Array[]): Promise<void> {
  const total = byteLengthOf(pieces);
  let written = await (pieces.length === 1 ? writeFd(fd, pieces[0]!) : writevFd(fd, pieces));
  // A regular file takes the pieces whole; should a write stop short, the rest follows.
  if (written < total) {
    const rest = Buffer.concat(pieces as Uint8Array[]).subarray(written);
    for (let at = 0; at < rest.byteLength; at += written)
      written = await writeFd(fd, rest.subarray(at));
  }
}

/**
 * Folders kept open to be flushed (fsync) after a file is made in them: opening and closing a
 * folder for each new file cost two more calls on the thread pool per segment. A session's
 * segments go to its own folders, so the handles of recent folders are kept, the oldest closed
 * beyond a bound. A folder made again (its old handle would name the removed one) is forgotten
 * first, by the caller that makes it.
 */
class FolderHandles {
  private readonly open = new Map<string, Folder>();

  async sync(dir: string): Promise<void> {
    let folder = this.open.get(dir);
    if (folder) {
      // Most recently used last, so the first is the one to close when full.
      this.open.delete(dir);
    } else {
      if (this.open.size >= MAX_OPEN_FOLDERS) this.forget(this.open.keys().next().value!);
      folder = { fd: openFd(dir, fsConstants.O_RDONLY), flushing: 0, retired: false };
    }
    this.open.set(dir, folder);
    folder.flushing++;
    try {
      await fsyncFd(await folder.fd);
    } catch (e) {
      // A folder that cannot be opened or flushed is opened anew next time.
      if (this.open.get(dir) === folder) this.forget(dir);
      throw e;
    } finally {
      folder.flushing--;
      if (folder.retired && folder.flushing === 0) closeFolder(folder);
    }
  }

  /** Lets the folder's handle go: closed at once, or when the last flush using it ends. */
  forget(dir: string): void {
    const folder = this.open.get(dir);
    if (!folder) return;
    this.open.delete(dir);
    folder.retired = true;
    if (folder.flushing === 0) closeFolder(folder);
  }
}

interface Folder {
  fd: Promise<number>;
  /** Flushes under way on it: its descriptor is closed only after the last. */
  flushing: number;
  retired: boolean;
}

/**
 * Each is a descriptor, beside one per connected student's socket: few enough to leave room under
 * a default limit of 1,024 open files, enough for the folders that receive segments back to back
 * (a student's backlog after an outage; the benchmark's 32 uploaders). Beyond it the least
 * recently flushed is closed.
 */
const MAX_OPEN_FOLDERS = 128;

function closeFolder(folder: Folder): void {
  folder.fd.then(
    (fd) => fsCb.close(fd, () => {}),
    () => {},
  );
}

async function syncFolder(dir: string): Promise<void> {
  const fd = await openFd(dir, fsConstants.O_RDONLY);
  try {
    await fsyncFd(fd);
  } finally {
    await closeFd(fd);
  }
}
