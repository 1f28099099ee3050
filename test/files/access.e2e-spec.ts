// Who may read and remove a file, and how files live and go: an upload is its uploader's alone;
// attached (through the FileOwners registry, as posts and practices will) it is read like its
// subject, and whoever may not read the subject gets 404, never 403. Downloads carry the
// headers that keep a browser from running or caching them. Unattached uploads go after a day
// (pg-boss sweeper), detached ones shortly after; the export lists a person's files and erasure
// removes the ones nothing took.
import { randomUUID } from 'node:crypto';
import { MAX_ATTACHMENTS } from '#libs/contracts';
import { FILE_SWEEP_QUEUE, FileSweeper, FilesService } from '#libs/files';
import { JobQueue } from '#libs/persistence';
import { createPerson, FACTORY_PASSWORD, type TestPerson } from '../factories/accounts.js';
import { minimalPdf, upload } from '../support/files.js';
import { httpClient, type Http } from '../support/http.js';
import {
  actorOf,
  contentPath,
  download,
  filesOnDisk,
  type FilesTestApp,
  startFilesApp,
  TestNotes,
  until,
} from './files-helpers.js';

describe('files: access, attachment, removal', () => {
  let t: FilesTestApp;
  let http: Http;
  let notes: TestNotes;
  let alice: TestPerson;
  let bob: TestPerson;
  let coordinator: TestPerson;
  let admin: TestPerson;

  beforeAll(async () => {
    t = await startFilesApp();
    http = httpClient(t.baseUrl);
    notes = new TestNotes(t);
    alice = await createPerson(t.dataSource, http);
    bob = await createPerson(t.dataSource, http);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    admin = await createPerson(t.dataSource, http, { role: 'admin' });
  });
  afterAll(() => t.close());

  const uploadPdf = async (person: TestPerson, name = 'minutes.pdf') => {
    const res = await upload(t.baseUrl, person.token, minimalPdf(), name, 'application/pdf');
    expect(res.status).toBe(201);
    return res.body as { id: string; url: string; sizeBytes: number };
  };
  const statusOf = async (person: TestPerson | undefined, method: string, path: string) =>
    method === 'GET' && !path.endsWith('/meta')
      ? (await download(t, person?.token, path)).status
      : (await http(method, path, { token: person?.token })).status;

  it('serves a download as an attachment under its name, with the type found in it, never cached or sniffed', async () => {
    const file = await uploadPdf(alice, 'Évaluation finale 2026.pdf');
    const res = await download(t, alice.token, file.url);
    expect(res.status).toBe(200);
    expect(res.bytes.equals(minimalPdf())).toBe(true);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(minimalPdf().length),
      'content-disposition': `attachment; filename="?valuation finale 2026.pdf"; filename*=UTF-8''%C3%89valuation%20finale%202026.pdf`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    const meta = await http('GET', `${file.url}/meta`, { token: alice.token });
    expect(meta.status).toBe(200);
    expect(meta.body).toMatchObject({
      id: file.id,
      name: 'Évaluation finale 2026.pdf',
      attached: false,
    });
  });

  it('keeps an unattached upload to its uploader: everyone else, admins included, gets 404', async () => {
    const file = await uploadPdf(alice);
    expect(await statusOf(alice, 'GET', file.url)).toBe(200);
    for (const other of [bob, coordinator, admin]) {
      for (const [method, path] of [
        ['GET', file.url],
        ['GET', `${file.url}/meta`],
        ['DELETE', file.url],
      ]) {
        const res = await http(method!, path!, { token: other.token });
        expect([method, path, res.status, res.body.code]).toEqual([method, path, 404, 'NOT_FOUND']);
      }
    }
    // Signed out, a file is missing unless its owner lets anyone read it (public practices).
    expect(await statusOf(undefined, 'GET', file.url)).toBe(404);
    expect(await statusOf(alice, 'GET', file.url)).toBe(200);
  });

  it('answers 404 for ids that are no file, and 400 for ids that are no id', async () => {
    expect((await http('GET', `/api/files/${randomUUID()}`, { token: alice.token })).status).toBe(
      404,
    );
    const bad = await http('GET', '/api/files/not-a-uuid', { token: alice.token });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('reads an attached file like its subject: its readers get it, everyone else 404', async () => {
    const file = await uploadPdf(alice);
    const note = notes.create(randomUUID(), [alice, bob]);
    const attached = await notes.attach(alice, note, [file.id]);
    expect(attached).toEqual([
      expect.objectContaining({ id: file.id, name: 'minutes.pdf', kind: 'pdf', url: file.url }),
    ]);
    expect(await statusOf(alice, 'GET', file.url)).toBe(200);
    expect(await statusOf(bob, 'GET', file.url)).toBe(200);
    expect((await download(t, bob.token, file.url)).bytes.equals(minimalPdf())).toBe(true);
    expect((await http('GET', `${file.url}/meta`, { token: bob.token })).body.attached).toBe(true);
    // An owner that says nothing about readers without an account has none.
    expect(await statusOf(undefined, 'GET', file.url)).toBe(404);
    expect(await statusOf(undefined, 'GET', `${file.url}/meta`)).toBe(404);
    for (const outsider of [coordinator, admin]) {
      expect(await statusOf(outsider, 'GET', file.url)).toBe(404);
      expect(await statusOf(outsider, 'GET', `${file.url}/meta`)).toBe(404);
    }
    // Someone who loses the subject loses its files at once.
    notes.readers.get(note)!.delete(bob.id);
    expect(await statusOf(bob, 'GET', file.url)).toBe(404);
    // Even the uploader reads it only through the subject now.
    notes.readers.get(note)!.delete(alice.id);
    expect(await statusOf(alice, 'GET', file.url)).toBe(404);
    notes.readers.get(note)!.add(alice.id);

    const listed = await t.app.get(FilesService).attachmentsOf('note', [note, randomUUID()]);
    expect(listed.get(note)!.map((a) => a.id)).toEqual([file.id]);
    expect([...listed.values()][1]).toEqual([]);
  });

  it('never lets a file attached to a post be deleted through the files route', async () => {
    const file = await uploadPdf(alice);
    const note = notes.create(randomUUID(), [alice, bob]);
    await notes.attach(alice, note, [file.id]);
    const mine = await http('DELETE', file.url, { token: alice.token });
    expect([mine.status, mine.body.code]).toEqual([409, 'FILE_ATTACHED']);
    const reader = await http('DELETE', file.url, { token: bob.token });
    expect([reader.status, reader.body.code]).toEqual([409, 'FILE_ATTACHED']);
    const outsider = await http('DELETE', file.url, { token: admin.token });
    expect([outsider.status, outsider.body.code]).toEqual([404, 'NOT_FOUND']);
    expect(await statusOf(bob, 'GET', file.url)).toBe(200);
  });

  it('attaches only the actor’s own unattached uploads, once, within the limit, in the owner’s transaction', async () => {
    const note = notes.create(randomUUID(), [alice, bob]);
    const bobs = await uploadPdf(bob);
    await expect(notes.attach(alice, note, [bobs.id])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(notes.attach(alice, note, [randomUUID()])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    const file = await uploadPdf(alice);
    await notes.attach(alice, note, [file.id]);
    // A retried request attaches nothing twice.
    expect((await notes.attach(alice, note, [file.id, file.id.toUpperCase()])).length).toBe(1);
    const elsewhere = notes.create(randomUUID(), [alice]);
    await expect(notes.attach(alice, elsewhere, [file.id])).rejects.toMatchObject({
      code: 'FILE_ATTACHED',
    });

    // The owner's transaction fails after attaching: the upload stays unattached.
    const rolledBack = await uploadPdf(alice);
    await expect(
      t.dataSource.transaction(async (manager) => {
        await t.app
          .get(FilesService)
          .attach(
            manager,
            [rolledBack.id],
            { subjectType: 'note', subjectId: elsewhere },
            actorOf(alice),
          );
        throw new Error('the post could not be saved');
      }),
    ).rejects.toThrow('the post could not be saved');
    expect(
      (await http('GET', `${rolledBack.url}/meta`, { token: alice.token })).body.attached,
    ).toBe(false);

    const many = [];
    for (let i = 0; i < MAX_ATTACHMENTS; i++) many.push((await uploadPdf(alice)).id);
    await expect(notes.attach(alice, elsewhere, many)).resolves.toHaveLength(MAX_ATTACHMENTS);
    await expect(notes.attach(alice, elsewhere, [rolledBack.id])).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });

    await expect(
      t.dataSource.transaction((manager) =>
        t.app
          .get(FilesService)
          .attach(
            manager,
            [rolledBack.id],
            { subjectType: 'nobody-owns-this', subjectId: note },
            actorOf(alice),
          ),
      ),
    ).rejects.toThrow('No file owner is registered for nobody-owns-this');
  });

  it('answers 404 for a file whose subject type nobody vouches for', async () => {
    const file = await uploadPdf(alice);
    await t.dataSource.query(
      `UPDATE files SET subject_type = 'ghost', subject_id = $2, attached_at = now() WHERE id = $1`,
      [file.id, randomUUID()],
    );
    expect(await statusOf(alice, 'GET', file.url)).toBe(404);
  });

  it('lets the uploader delete an unattached upload: gone at once, content and quota included', async () => {
    const person = await createPerson(t.dataSource, http);
    const file = await uploadPdf(person);
    const before = await http('GET', '/api/me/files', { token: person.token });
    expect(before.body).toMatchObject({
      usedBytes: file.sizeBytes,
      quotaBytes: 200 * 1024 * 1024,
      maxFileBytes: 20 * 1024 * 1024,
      unattached: [expect.objectContaining({ id: file.id })],
    });
    expect(await filesOnDisk(t)).toContain(contentPath(file.id));
    const res = await http('DELETE', file.url, { token: person.token });
    expect(res.status).toBe(204);
    expect(await statusOf(person, 'GET', file.url)).toBe(404);
    expect((await http('DELETE', file.url, { token: person.token })).status).toBe(404);
    expect(await filesOnDisk(t)).not.toContain(contentPath(file.id));
    expect((await t.dataSource.query(`SELECT 1 FROM files WHERE id = $1`, [file.id])).length).toBe(
      0,
    );
    const after = await http('GET', '/api/me/files', { token: person.token });
    expect(after.body).toMatchObject({ usedBytes: 0, unattached: [] });
  });

  it('takes detached files away at once, and their content at the next sweep', async () => {
    const file = await uploadPdf(alice);
    const note = notes.create(randomUUID(), [alice, bob]);
    await notes.attach(alice, note, [file.id]);
    await notes.detach(note, [file.id, randomUUID()]);
    expect(await statusOf(bob, 'GET', file.url)).toBe(404);
    expect(await statusOf(alice, 'GET', file.url)).toBe(404);
    expect(await filesOnDisk(t)).toContain(contentPath(file.id));
    await t.app.get(FileSweeper).sweep();
    expect(await filesOnDisk(t)).not.toContain(contentPath(file.id));
    expect((await t.dataSource.query(`SELECT 1 FROM files WHERE id = $1`, [file.id])).length).toBe(
      0,
    );
  });

  it('sweeps, as a scheduled pg-boss job, uploads nobody attached within a day and uploads a crash left half-stored', async () => {
    const [schedule] = (await t.dataSource.query(
      `SELECT cron FROM pgboss.schedule WHERE name = $1`,
      [FILE_SWEEP_QUEUE],
    )) as Array<{ cron: string }>;
    expect(schedule!.cron).toBe('*/5 * * * *');

    const stale = await uploadPdf(alice);
    const fresh = await uploadPdf(alice);
    const staleButAttached = await uploadPdf(alice);
    const crashed = await uploadPdf(alice);
    const note = notes.create(randomUUID(), [alice]);
    await notes.attach(alice, note, [staleButAttached.id]);
    await t.dataSource.query(
      `UPDATE files SET created_at = now() - interval '25 hours' WHERE id = ANY($1)`,
      [[stale.id, staleButAttached.id]],
    );
    await t.dataSource.query(
      `UPDATE files SET status = 'pending', created_at = now() - interval '2 hours' WHERE id = $1`,
      [crashed.id],
    );

    await t.app.get(JobQueue).send(FILE_SWEEP_QUEUE, {}, { key: `test-sweep-${randomUUID()}` });
    const left = await until(
      async () =>
        (
          (await t.dataSource.query(`SELECT id FROM files WHERE id = ANY($1)`, [
            [stale.id, fresh.id, staleButAttached.id, crashed.id],
          ])) as Array<{ id: string }>
        ).map((r) => r.id),
      (ids) => ids.length === 2,
    );
    expect(left.sort()).toEqual([fresh.id, staleButAttached.id].sort());
    const onDisk = await filesOnDisk(t);
    expect(onDisk).not.toContain(contentPath(stale.id));
    expect(onDisk).not.toContain(contentPath(crashed.id));
    expect(onDisk).toContain(contentPath(fresh.id));
    expect(await statusOf(alice, 'GET', staleButAttached.url)).toBe(200);
  });

  it('lists a person’s files in their export, and erasing the account removes the uploads nothing took', async () => {
    const leaving = await createPerson(t.dataSource, http);
    const kept = await uploadPdf(leaving, 'shared-report.pdf');
    const loose = await uploadPdf(leaving, 'draft.pdf');
    const note = notes.create(randomUUID(), [leaving, bob]);
    await notes.attach(leaving, note, [kept.id]);

    const exported = await http('GET', '/api/me/export', { token: leaving.token });
    expect(exported.status).toBe(200);
    expect(exported.body.files).toEqual([
      expect.objectContaining({
        id: kept.id,
        name: 'shared-report.pdf',
        contentType: 'application/pdf',
        sizeBytes: kept.sizeBytes,
        attachedTo: { type: 'note', id: note },
      }),
      expect.objectContaining({ id: loose.id, name: 'draft.pdf', attachedTo: null }),
    ]);
    expect(exported.body.files[0].uploadedAt).toEqual(expect.any(String));

    const erased = await http('DELETE', '/api/me', {
      token: leaving.token,
      body: { password: FACTORY_PASSWORD },
    });
    expect(erased.status).toBe(204);
    expect((await t.dataSource.query(`SELECT 1 FROM files WHERE id = $1`, [loose.id])).length).toBe(
      0,
    );
    expect(await filesOnDisk(t)).not.toContain(contentPath(loose.id));
    // The attached file stays with the note its readers still read.
    expect(await statusOf(bob, 'GET', kept.url)).toBe(200);
  });
});
