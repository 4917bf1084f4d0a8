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
  open(): { store: BlobStore; ready?: Promise<void>; cleanup(): void };
}[] = [
  {
    name: 'local disk',
    open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emtihan-blobs-'));
      return {
        store: new LocalDiskBlobStore(dir),
        cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
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
  beforeEach(async () => {
    const opened = adapter.open();
    ({ store, cleanup } = opened);
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
