// BlobStore on S3-compatible object storage (AWS S3, MinIO, Ceph RGW, …) through
// @aws-sdk/client-s3. A PUT that S3 answers 200 is stored durably by the service, so `put`
// resolves only after that answer; Content-MD5 lets the service refuse a corrupted body.
import { createHash } from 'node:crypto';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import {
  assertBlobKey,
  joinBytes,
  sha256Of,
  type BlobBytes,
  type BlobInfo,
  type BlobStore,
  type WrittenBlob,
} from './blob-store.port.ts';

export interface S3BlobStoreOptions {
  bucket: string;
  region: string;
  endpoint?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** Path-style URLs (`endpoint/bucket/key`), which MinIO and most self-hosted stores need. */
  forcePathStyle: boolean;
  /** Prepended to every key, e.g. `emtihan/`. */
  prefix?: string;
}

export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(o: S3BlobStoreOptions) {
    this.client = new S3Client({
      region: o.region,
      forcePathStyle: o.forcePathStyle,
      ...(o.endpoint ? { endpoint: o.endpoint } : {}),
      ...(o.accessKeyId && o.secretAccessKey
        ? { credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey } }
        : {}),
    });
    this.bucket = o.bucket;
    this.prefix = o.prefix ?? '';
  }

  async put(key: string, bytes: BlobBytes, known?: { sha256: string }): Promise<BlobInfo> {
    assertBlobKey(key);
    const data = joinBytes(bytes);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.prefix + key,
        Body: data,
        ContentLength: data.byteLength,
        ContentMD5: createHash('md5').update(data).digest('base64'),
      }),
    );
    return {
      key,
      size: data.byteLength,
      sha256: known?.sha256 ?? sha256Of(data),
    };
  }

  /** S3 answers a PUT once the object is stored durably: there is no second step. */
  async write(key: string, bytes: BlobBytes, known?: { sha256: string }): Promise<WrittenBlob> {
    return { info: await this.put(key, bytes, known), durable: Promise.resolve() };
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    assertBlobKey(key);
    try {
      const r = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }),
      );
      return r.Body ? await r.Body.transformToByteArray() : new Uint8Array();
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  async head(key: string): Promise<Omit<BlobInfo, 'sha256'> | undefined> {
    assertBlobKey(key);
    try {
      const r = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }),
      );
      return { key, size: Number(r.ContentLength ?? 0) };
    } catch (e) {
      if (isMissing(e)) return undefined;
      throw e;
    }
  }

  async delete(key: string): Promise<boolean> {
    // S3 answers a delete the same whether the key existed or not: ask first.
    if (!(await this.head(key))) return false;
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }),
    );
    return true;
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const r = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: this.prefix + prefix,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const o of r.Contents ?? []) if (o.Key) keys.push(o.Key.slice(this.prefix.length));
      token = r.IsTruncated ? r.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  /** Creates the bucket (tests and first installs); an existing one is left as it is. */
  async createBucket(): Promise<void> {
    try {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    } catch (e) {
      const name = (e as { name?: string }).name;
      if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw e;
    }
  }

  destroy(): void {
    this.client.destroy();
  }
}

function isMissing(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata?.httpStatusCode === 404
  );
}
