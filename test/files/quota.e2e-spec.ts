// Each member keeps at most FILES_QUOTA_MB of files (attached or not). An upload that does not
// fit is refused with QUOTA_EXCEEDED (409), early when possible (the upload stops at the room
// left), and two uploads at once cannot both take the last room.
import { createPerson } from '../factories/accounts.js';
import { minimalPdf, upload } from '../support/files.js';
import { httpClient, type Http } from '../support/http.js';
import { type FilesTestApp, startFilesApp } from './files-helpers.js';

const MIB = 1024 * 1024;

/** A PDF of `bytes` bytes: the minimal document, padded with a comment. */
const pdfOf = (bytes: number) => {
  const pdf = minimalPdf();
  return Buffer.concat([pdf, Buffer.from(`%${' '.repeat(bytes - pdf.length - 2)}\n`)]);
};

describe('files: quota per member', () => {
  let t: FilesTestApp;
  let http: Http;

  beforeAll(async () => {
    t = await startFilesApp({ FILES_QUOTA_MB: '1' });
    http = httpClient(t.baseUrl);
  });
  afterAll(() => t.close());

  it('refuses the upload that does not fit with QUOTA_EXCEEDED, and takes it again once room is made', async () => {
    const member = await createPerson(t.dataSource, http);
    const first = await upload(t.baseUrl, member.token, pdfOf(600 * 1024), 'first.pdf');
    expect(first.status).toBe(201);
    const second = await upload(t.baseUrl, member.token, pdfOf(600 * 1024), 'second.pdf');
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      details: { quotaBytes: MIB, usedBytes: 600 * 1024 },
    });
    expect(second.body.message).toMatch(/1 MB/);
    // What fits still goes in.
    expect((await upload(t.baseUrl, member.token, pdfOf(300 * 1024), 'small.pdf')).status).toBe(
      201,
    );
    // Full: refused before a byte is read.
    const full = await upload(t.baseUrl, member.token, pdfOf(200 * 1024), 'more.pdf');
    expect([full.status, full.body.code]).toEqual([409, 'QUOTA_EXCEEDED']);

    expect(
      (await http('DELETE', `/api/files/${first.body.id}`, { token: member.token })).status,
    ).toBe(204);
    expect((await upload(t.baseUrl, member.token, pdfOf(600 * 1024), 'second.pdf')).status).toBe(
      201,
    );
    const usage = await http('GET', '/api/me/files', { token: member.token });
    expect(usage.body).toMatchObject({ usedBytes: 900 * 1024, quotaBytes: MIB });
  });

  it('counts each member apart', async () => {
    const one = await createPerson(t.dataSource, http);
    const other = await createPerson(t.dataSource, http);
    expect((await upload(t.baseUrl, one.token, pdfOf(900 * 1024), 'a.pdf')).status).toBe(201);
    expect((await upload(t.baseUrl, other.token, pdfOf(900 * 1024), 'b.pdf')).status).toBe(201);
  });

  it('lets only one of two uploads at once take the last room', async () => {
    const member = await createPerson(t.dataSource, http);
    const answers = await Promise.all(
      [1, 2, 3].map((i) => upload(t.baseUrl, member.token, pdfOf(600 * 1024), `race-${i}.pdf`)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    const rows = (await t.dataSource.query(
      `SELECT count(*)::int AS n, sum(size_bytes)::int AS bytes FROM files WHERE uploader_id = $1`,
      [member.id],
    )) as Array<{ n: number; bytes: number }>;
    expect(rows[0]).toEqual({ n: 1, bytes: 600 * 1024 });
  });
});
