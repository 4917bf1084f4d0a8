// Every BlobStore adapter must pass this suite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../src/adapters/blob-store.port.ts';
import { LocalDiskBlobStore } from '../../src/adapters/local-disk.blob-store.ts';
import { S3BlobStore } from '../../src/adapters/s3.blob-store.ts';

// An S3 server in this process (s3rver implements S3's REST API on the local disk).
let s3: { server: S3rver; endpoint: string; dir: string } | undefined;
let bucketNo = 0;
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-s3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir });
  const { port } = await server.run();
  s3 = { server, endpoint: `http://127.0.0.1:${port}`, dir };
});
afterAll(async () => {
  await s3?.server.close();
  if (s3) fs.rmSync(s3.dir, { recursive: true, force: true });
});

const adapters: {
  name: string;
  open(): {
    store: BlobStore;
    ready?: Promise<void>;
    cleanup(): void;
    /** Local disk: removes a folder behind the store's back (as an operator might). */
    removeFolder?(prefix: string): void;
  };
}[] = [
  {
    name: 'local disk',
    open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-blobs-'));
      return {
        store: new LocalDiskBlobStore(dir),
        cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
        removeFolder: (prefix) => fs.rmSync(path.join(dir, prefix), { recursive: true }),
      };
    },
  },
  {
    name: 'S3 (s3rver)',
    open() {
      const bucket = `contract-${++bucketNo}`;
      const store = new S3BlobStore({
        bucket,
        region: 'us-east-1',
        endpoint: s3!.endpoint,
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        forcePathStyle: true,
      });
      return {
        store,
        ready: store.createBucket(),
        cleanup: () => store.destroy(),
      };
    },
  },
];

describe.each(adapters)('BlobStore on $name', (adapter) => {
  let store: BlobStore;
  let cleanup: () => void;
  let removeFolder: ((prefix: string) => void) | undefined;
  beforeEach(async () => {
    const opened = adapter.open();
    ({ store, cleanup, removeFolder } = opened);
    await opened.ready;
  });
  afterEach(() => cleanup());

  const bytes = (s: string) => new TextEncoder().encode(s);

  it('returns what was put, with its size and SHA-256', async () => {
    const info = await store.put('sessions/s1/answer/000001', bytes('abc'));
    expect(info).toEqual({
      key: 'sessions/s1/answer/000001',
      size: 3,
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
    expect(new TextDecoder().decode(await store.get('sessions/s1/answer/000001'))).toBe('abc');
    expect(await store.head('sessions/s1/answer/000001')).toEqual({
      key: 'sessions/s1/answer/000001',
      size: 3,
    });
  });

  it('replaces a blob written twice under one key', async () => {
    await store.put('a/b', bytes('one'));
    await store.put('a/b', bytes('two!'));
    expect(new TextDecoder().decode(await store.get('a/b'))).toBe('two!');
  });

  it('writes in two steps: the bytes first, then a promise kept once they are durable', async () => {
    const written = await store.write('e/s1/camera/000001', [bytes('ab'), bytes('cd')]);
    expect(written.info).toEqual({
      key: 'e/s1/camera/000001',
      size: 4,
      sha256: '88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589',
    });
    await written.durable;
    expect(new TextDecoder().decode(await store.get('e/s1/camera/000001'))).toBe('abcd');
    // Written again under the same key (a resend): the blob is replaced whole.
    await (
      await store.write('e/s1/camera/000001', bytes('abcde'))
    ).durable;
    expect(new TextDecoder().decode(await store.get('e/s1/camera/000001'))).toBe('abcde');
  });

  it('stores into a folder that was emptied and removed meanwhile', async () => {
    await store.put('r/s1/x', bytes('1'));
    await store.delete('r/s1/x');
    removeFolder?.('r');
    await store.put('r/s1/y', bytes('2'));
    expect(await store.list('r/')).toEqual(['r/s1/y']);
  });

  it('answers undefined and false for a missing key', async () => {
    expect(await store.get('no/such')).toBeUndefined();
    expect(await store.head('no/such')).toBeUndefined();
    expect(await store.delete('no/such')).toBe(false);
  });

  it('lists keys under a prefix in order, and forgets deleted ones', async () => {
    await store.put('s/2/x', bytes('x'));
    await store.put('s/1/y', bytes('y'));
    await store.put('t/1/z', bytes('z'));
    expect(await store.list('s/')).toEqual(['s/1/y', 's/2/x']);
    expect(await store.delete('s/1/y')).toBe(true);
    expect(await store.list('s/')).toEqual(['s/2/x']);
  });

  it('refuses keys that could escape the store', async () => {
    for (const key of ['../etc/passwd', '/abs', 'a//b', 'a/../b', '']) {
      await expect(store.put(key, bytes('x'))).rejects.toThrow(/invalid blob key/);
    }
  });
});
