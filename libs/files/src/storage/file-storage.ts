// Where file contents live: on disk (DATA_DIR/files) or in an S3-compatible bucket. The key is
// the file's id; the database row says everything else.
import type { Readable } from 'node:stream';

export interface FileStorage {
  /** `disk` or `s3`, for logs and the start-up line. */
  readonly kind: 'disk' | 's3';
  /** A folder on local disk for uploads in progress (on the same disk as the files, for disk). */
  readonly incomingDir: string;
  /** Makes sure the storage can be used (folders exist; the bucket answers). */
  prepare(): Promise<void>;
  /** Stores the local file at `source` under `key`, durably, before it resolves. */
  put(key: string, source: string, meta: { contentType: string; sizeBytes: number }): Promise<void>;
  /** The content under `key`; StoredContentMissingError when there is none. */
  read(key: string): Promise<Readable>;
  /** Removes the content under `key`; nothing there is not an error. */
  remove(key: string): Promise<void>;
  /** Lets go of connections at shutdown. */
  close?(): void;
}

/** Injection token of the configured FileStorage. */
export const FILE_STORAGE = Symbol('FILE_STORAGE');

/** A row says a file is stored but its content is not there: an operator must look. */
export class StoredContentMissingError extends Error {
  constructor(key: string) {
    super(`The content of file ${key} is missing from storage.`);
  }
}
