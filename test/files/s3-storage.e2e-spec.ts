// With a bucket configured, files live in S3-compatible object storage through the official SDK,
// proved end to end against s3rver (an S3 server in this test process): upload, download,
// delete, the sweeper, and nothing written to DATA_DIR/files.
import { HeadObjectCommand, GetObjectCommand, NotFound, S3Client } from '@aws-sdk/client-s3';
import exifr from 'exifr';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import S3rver from 's3rver';
import { FileSweeper } from '#libs/files';
import { createPerson, type TestPerson } from '../factories/accounts.js';
import { jpegWithGps, minimalPdf, upload } from '../support/files.js';
import { httpClient, type Http } from '../support/http.js';
import { download, type FilesTestApp, startFilesApp, TestNotes } from './files-helpers.js';

const BUCKET = 'crossings-files';
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

describe('files in S3-compatible storage', () => {
  let s3rver: S3rver;
  let s3Dir: string;
  let s3: S3Client;
  let t: FilesTestApp;
  let http: Http;
  let member: TestPerson;
  let reader: TestPerson;
  let notes: TestNotes;

  beforeAll(async () => {
    s3Dir = await mkdtemp(path.join(os.tmpdir(), 'crossings-s3rver-'));
    s3rver = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: s3Dir,
      configureBuckets: [{ name: BUCKET }],
    });
    const { port } = await s3rver.run();
    const endpoint = `http://127.0.0.1:${port}`;
    s3 = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: CREDENTIALS,
    });
    t = await startFilesApp({
      S3_URL: endpoint,
      S3_BUCKET: BUCKET,
      S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    });
    http = httpClient(t.baseUrl);
    member = await createPerson(t.dataSource, http);
    reader = await createPerson(t.dataSource, http);
    notes = new TestNotes(t);
  });
  afterAll(async () => {
    await t?.close();
    s3?.destroy();
    await s3rver?.close();
    await rm(s3Dir, { recursive: true, force: true });
  });

  const inBucket = async (key: string) => {
    try {
      await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
      return true;
    } catch (error) {
      if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound')
        return false;
      throw error;
    }
  };

  it('uploads into the bucket, serves downloads from it, and deletes from it', async () => {
    const pdf = minimalPdf();
    const stored = await upload(t.baseUrl, member.token, pdf, 'minutes.pdf');
    expect(stored.status).toBe(201);
    const key = stored.body.id as string;
    expect(await inBucket(key)).toBe(true);
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(pdf)).toBe(true);
    expect(object.ContentType).toBe('application/pdf');

    const back = await download(t, member.token, stored.body.url);
    expect(back.status).toBe(200);
    expect(back.bytes.equals(pdf)).toBe(true);
    expect(back.headers.get('content-disposition')).toBe('attachment; filename=minutes.pdf');
    expect(back.headers.get('x-content-type-options')).toBe('nosniff');
    expect(back.headers.get('cache-control')).toBe('private, no-store');
    expect((await download(t, reader.token, stored.body.url)).status).toBe(404);

    expect((await http('DELETE', stored.body.url, { token: member.token })).status).toBe(204);
    expect(await inBucket(key)).toBe(false);
    expect((await download(t, member.token, stored.body.url)).status).toBe(404);
    // Nothing went to DATA_DIR.
    expect(existsSync(t.filesDir)).toBe(false);
  });

  it('stores images without their metadata in the bucket too', async () => {
    const stored = await upload(t.baseUrl, member.token, await jpegWithGps(), 'photo.jpg');
    expect(stored.status).toBe(201);
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: stored.body.id }));
    const bytes = Buffer.from(await object.Body!.transformToByteArray());
    expect(await exifr.gps(bytes)).toBeUndefined();
  });

  it('serves attached files to the subject’s readers, and the sweeper removes detached ones from the bucket', async () => {
    const stored = await upload(t.baseUrl, member.token, minimalPdf(), 'shared.pdf');
    const note = notes.create(randomUUID(), [member, reader]);
    await notes.attach(member, note, [stored.body.id]);
    expect((await download(t, reader.token, stored.body.url)).status).toBe(200);
    await notes.detach(note, [stored.body.id]);
    expect(await inBucket(stored.body.id)).toBe(true);
    await t.app.get(FileSweeper).sweep();
    expect(await inBucket(stored.body.id)).toBe(false);
  });
});
