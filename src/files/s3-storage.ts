import type { Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { notFound } from "../errors.js";
import { keySegments, type FileStorage } from "./storage.js";

export interface S3Settings {
  bucket: string;
  region: string;
  /** an S3-compatible service (MinIO, Ceph, ...); null for AWS itself */
  endpoint: string | null;
  accessKeyId: string | null;
  secretAccessKey: string | null;
  /** folder inside the bucket, e.g. "recto/" */
  prefix: string;
}

/** S3 needs every part but the last to be at least 5 MiB; 8 MiB keeps memory small and calls few. */
const PART_BYTES = 8 * 1024 * 1024;

const isMissing = (err: unknown): boolean => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NoSuchKey" || e?.name === "NotFound" || e?.$metadata?.httpStatusCode === 404;
};

/**
 * Files in an S3-compatible bucket. Uploads stream in 8 MiB parts (a multipart upload, aborted
 * on failure so nothing is left), never the whole file in memory; reads stream, with ranges.
 */
export class S3Storage implements FileStorage {
  private readonly client: S3Client;

  constructor(private readonly s: S3Settings) {
    this.client = new S3Client({
      region: s.region,
      ...(s.endpoint ? { endpoint: s.endpoint, forcePathStyle: true } : {}),
      ...(s.accessKeyId && s.secretAccessKey
        ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } }
        : {}),
    });
  }

  private objectKey(key: string): string {
    return `${this.s.prefix}${keySegments(key).join("/")}`;
  }

  async put(key: string, content: Readable): Promise<void> {
    const Key = this.objectKey(key);
    const Bucket = this.s.bucket;
    let uploadId: string | undefined;
    const parts: { ETag: string; PartNumber: number }[] = [];
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      const body = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      if (!uploadId) {
        uploadId = (await this.client.send(new CreateMultipartUploadCommand({ Bucket, Key }))).UploadId!;
      }
      const PartNumber = parts.length + 1;
      const r = await this.client.send(
        new UploadPartCommand({ Bucket, Key, UploadId: uploadId, PartNumber, Body: body }),
      );
      parts.push({ ETag: r.ETag!, PartNumber });
    };
    try {
      for await (const chunk of content) {
        pending.push(chunk as Buffer);
        pendingBytes += (chunk as Buffer).length;
        if (pendingBytes >= PART_BYTES) await flush();
      }
      if (!uploadId) {
        // Small enough for one request.
        await this.client.send(new PutObjectCommand({ Bucket, Key, Body: Buffer.concat(pending) }));
        return;
      }
      if (pendingBytes > 0) await flush();
      await this.client.send(
        new CompleteMultipartUploadCommand({ Bucket, Key, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
      );
    } catch (err) {
      if (uploadId) {
        await this.client
          .send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId }))
          .catch(() => undefined);
      }
      throw err;
    }
  }

  async open(key: string, range?: { start: number; end?: number }): Promise<Readable> {
    try {
      const r = await this.client.send(
        new GetObjectCommand({
          Bucket: this.s.bucket,
          Key: this.objectKey(key),
          ...(range ? { Range: `bytes=${range.start}-${range.end ?? ""}` } : {}),
        }),
      );
      return r.Body as Readable;
    } catch (err) {
      throw isMissing(err) ? notFound("file") : err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.s.bucket, Key: this.objectKey(key) }));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.s.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }
}
