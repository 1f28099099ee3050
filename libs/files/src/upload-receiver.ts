// Reads a multipart/form-data upload (busboy) straight to a file on local disk, hashing and
// counting on the way: nothing is held in memory but the chunk in flight. Exactly one part, a
// file named "file"; anything else is refused with VALIDATION_FAILED before more is read. Past
// the byte limit the request is refused at once and what the client still sends is read and
// discarded (up to a cap, then the connection is closed), so clients get the answer.
import busboy from 'busboy';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MAX_FILE_BYTES } from '#libs/contracts';
import { ValidationFailedError } from '#libs/common';

/** An upload as it arrives: the request's headers and its body, still unread. */
export interface IncomingUpload {
  headers: IncomingHttpHeaders;
  body: Readable;
  /** Close the connection once the answer is sent: the rest of the body will not be read. */
  closeAfterAnswer(): void;
}

export interface ReceivedUpload {
  /** The file name the client gave, as sent. */
  name: string;
  /** Where the bytes are, in the incoming folder; the caller removes it. */
  path: string;
  sizeBytes: number;
  sha256: string;
}

/** The file went past `limitBytes`; nothing was kept. */
export class UploadLimitReached extends Error {
  constructor(readonly limitBytes: number) {
    super(`The upload went past ${limitBytes} bytes.`);
  }
}

/** The client went away before the upload was complete; nothing was kept (and nobody hears). */
export class UploadAbandoned extends ValidationFailedError {
  constructor(message: string) {
    super(`file: ${message}`, [{ field: 'file', problems: [message] }]);
  }
}

/** Room for multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
/** Read and discard at most this much of a refused body before closing the connection. */
const DISCARD_CAP_BYTES = MAX_FILE_BYTES;

export interface ReceiveOptions {
  /** Largest file accepted, in bytes. */
  limitBytes: number;
  /** Folder for the incoming bytes. */
  dir: string;
  /** Checks the file's name before its bytes are read; returns a problem, or null. */
  nameProblem(name: string): string | null;
}

function refusal(problem: string): ValidationFailedError {
  return new ValidationFailedError(`file: ${problem}`, [{ field: 'file', problems: [problem] }]);
}

/** Counts and hashes what flows through. */
class Meter extends Transform {
  sizeBytes = 0;
  private readonly hash = createHash('sha256');

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.sizeBytes += chunk.length;
    this.hash.update(chunk);
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/**
 * Reads what is left of a refused body and discards it, so the client (still sending) reads
 * our answer; past the cap, the connection is closed instead.
 */
export function discardRest(incoming: IncomingUpload): void {
  const body = incoming.body;
  if (body.readableEnded || body.destroyed) return;
  let left = DISCARD_CAP_BYTES;
  body.unpipe();
  body.on('data', (chunk: Buffer) => {
    left -= chunk.length;
    if (left < 0) {
      incoming.closeAfterAnswer();
      body.destroy();
    }
  });
  body.on('error', () => undefined);
  body.resume();
}

export async function receiveUpload(
  incoming: IncomingUpload,
  options: ReceiveOptions,
): Promise<ReceivedUpload> {
  const contentType = incoming.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(contentType))
    throw refusal('must be sent as multipart/form-data, in one part named "file"');
  const declared = Number(incoming.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.limitBytes + MULTIPART_OVERHEAD_BYTES) {
    // No need to read what is announced as too large (and no point reading gigabytes).
    if (declared > options.limitBytes + DISCARD_CAP_BYTES) incoming.closeAfterAnswer();
    throw new UploadLimitReached(options.limitBytes);
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: incoming.headers,
      defParamCharset: 'utf8',
      limits: {
        files: 1,
        fields: 0,
        // busboy calls reaching its limit "limit": one byte more says the file went past ours.
        fileSize: options.limitBytes + 1,
        headerPairs: 8,
        fieldNameSize: 100,
      },
    });
  } catch {
    throw refusal('must be sent as multipart/form-data with a boundary');
  }

  return new Promise<ReceivedUpload>((resolve, reject) => {
    let settled = false;
    let written: Promise<ReceivedUpload> | null = null;
    let target: string | null = null;
    let writer: WriteStream | null = null;
    let writerClosed: Promise<void> = Promise.resolve();

    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      incoming.body.unpipe(parser);
      parser.removeAllListeners('file');
      // Ending the writer ends the pipeline; busboy's part stream may already count as ended
      // (its last chunk arrived with the limit), and destroying it would leave the pipeline waiting.
      writer?.destroy();
      discardRest(incoming);
      // Answer once the partial file is gone: after its writer closed it (it may still be
      // opening it), so a refused upload leaves nothing behind by the time it is refused.
      const partial = target;
      void writerClosed
        .then(() => (partial ? rm(partial, { force: true }) : undefined))
        .catch(() => undefined)
        .then(() => reject(error));
    };

    parser.on('file', (field, stream, info) => {
      if (settled) return void stream.resume();
      if (field !== 'file') {
        stream.resume();
        return fail(refusal('must be the part named "file"'));
      }
      const name = info.filename ?? '';
      const problem = options.nameProblem(name);
      if (problem) {
        stream.resume();
        return fail(refusal(problem));
      }
      stream.on('limit', () => fail(new UploadLimitReached(options.limitBytes)));
      const meter = new Meter();
      const file = path.join(options.dir, `${randomUUID()}.part`);
      target = file;
      const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
      writer = out;
      writerClosed = new Promise((closed) => out.once('close', () => closed()));
      written = pipeline(stream, meter, out).then(() => ({
        name,
        path: file,
        sizeBytes: meter.sizeBytes,
        sha256: meter.digest(),
      }));
      written.catch((error: Error) => fail(error));
    });
    parser.on('fieldsLimit', () =>
      fail(refusal('must be a file with a file name, and nothing else')),
    );
    // busboy says so as soon as a second file's headers arrive (or any field's).
    parser.on('filesLimit', () => fail(refusal('one file per upload')));
    parser.on('error', () => fail(refusal('must be a well-formed multipart/form-data body')));
    parser.on('close', () => {
      if (settled) return;
      if (!written) return fail(refusal('is required: send one part named "file"'));
      written.then(
        (received) => {
          if (settled) return;
          settled = true;
          resolve(received);
        },
        (error: Error) => fail(error),
      );
    });
    incoming.body.on('close', () => {
      if (!(incoming.body as Readable & { complete?: boolean }).complete)
        fail(new UploadAbandoned('the client went away before the upload was complete'));
    });
    incoming.body.on('error', () => fail(new UploadAbandoned('the upload broke off')));
    incoming.body.pipe(parser);
  });
}
