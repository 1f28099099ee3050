// Evaluation reports and other documents on practice entries, through the files library: authors
// attach their uploads to the working copy (an edit: refused to others, and while in review); a
// published version lists the documents it was published with and carries them to the next one;
// downloads are authorized like the entry (signed out: public entries only), as attachments.
import { randomUUID } from 'node:crypto';
import type { TestPerson } from '../factories/accounts.js';
import { addMember, createExchange, createPerson } from '../exchanges/exchange-helpers.js';
import { download, type FilesTestApp, startFilesApp } from '../files/files-helpers.js';
import { minimalPdf, upload } from '../support/files.js';
import { httpClient, type Http } from '../support/http.js';
import {
  completeEntry,
  createDraft,
  createReviewer,
  expectOk,
  publish,
} from './practice-helpers.js';

describe('practice documents: attached through the files library, read like the entry', () => {
  let t: FilesTestApp;
  let http: Http;
  let author: TestPerson;
  let member: TestPerson;
  let outsider: TestPerson;
  let exchangeMember: TestPerson;
  let reviewer: TestPerson;
  let coordinator: TestPerson;
  let exchangeId: string;

  const uploadPdf = async (person: TestPerson, name = 'evaluation.pdf') => {
    const res = await upload(t.baseUrl, person.token, minimalPdf(), name, 'application/pdf');
    expect(res.status).toBe(201);
    return res.body as { id: string; url: string };
  };
  const attach = (person: TestPerson, practiceId: string, fileIds: string[]) =>
    http('POST', `/api/practices/${practiceId}/attachments`, {
      token: person.token,
      body: { fileIds },
    });
  const statusOf = async (person: TestPerson | null, url: string) =>
    (await download(t, person?.token, url)).status;
  const flow = () => ({ author, reviewer, coordinator });

  beforeAll(async () => {
    t = await startFilesApp();
    http = httpClient(t.baseUrl);
    coordinator = await createPerson(t.dataSource, http, { role: 'coordinator' });
    author = await createPerson(t.dataSource, http);
    member = await createPerson(t.dataSource, http);
    outsider = await createPerson(t.dataSource, http);
    exchangeMember = await createPerson(t.dataSource, http);
    reviewer = await createReviewer(t.dataSource, http);
    exchangeId = (await createExchange(http, coordinator, { title: 'Evaluations' })).id;
    await addMember(http, coordinator, exchangeId, author, 'participant');
    await addMember(http, coordinator, exchangeId, exchangeMember, 'observer');
  });
  afterAll(() => t.close());

  it('lets the author attach their uploads to a draft, and nobody else; listed with name, size, type and a download url', async () => {
    const draft = await createDraft(http, author);
    const report = await uploadPdf(author, 'Évaluation 2025.pdf');
    const working = await expectOk(attach(author, draft.id, [report.id]), 201);
    expect(working.attachments).toEqual([
      {
        id: report.id,
        name: 'Évaluation 2025.pdf',
        contentType: 'application/pdf',
        kind: 'pdf',
        sizeBytes: minimalPdf().length,
        createdAt: expect.any(String),
        url: `/api/files/${report.id}`,
      },
    ]);
    expect(working.can.attach).toBe(true);
    // Again: nothing changes (a retried request), and no new revision.
    const again = await expectOk(attach(author, draft.id, [report.id]), 201);
    expect([again.attachments.length, again.revision]).toEqual([1, working.revision]);

    // Someone else's upload is not the author's to attach; others may not attach to the entry.
    const theirs = await uploadPdf(member);
    expect((await attach(author, draft.id, [theirs.id])).status).toBe(404);
    expect((await attach(member, draft.id, [theirs.id])).status).toBe(404);
    expect(
      (await http('POST', `/api/practices/${draft.id}/attachments`, { body: { fileIds: [] } }))
        .status,
    ).toBe(401);
    const bad = await http('POST', `/api/practices/${draft.id}/attachments`, {
      token: author.token,
      body: { fileIds: ['not-an-id'] },
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    // A draft's document is its editors': nobody else downloads it.
    expect(await statusOf(author, report.url)).toBe(200);
    expect(await statusOf(coordinator, report.url)).toBe(200);
    expect(await statusOf(member, report.url)).toBe(404);
    expect(await statusOf(null, report.url)).toBe(404);

    // Removing: the author may, others may not; the file is gone at once.
    const second = await uploadPdf(author, 'annex.pdf');
    await expectOk(attach(author, draft.id, [second.id]), 201);
    expect(
      (
        await http('DELETE', `/api/practices/${draft.id}/attachments/${second.id}`, {
          token: member.token,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await http('DELETE', `/api/practices/${draft.id}/attachments/${second.id}`, {
          token: author.token,
        })
      ).status,
    ).toBe(204);
    expect(await statusOf(author, second.url)).toBe(404);
    expect(
      (
        await http('DELETE', `/api/practices/${draft.id}/attachments/${randomUUID()}`, {
          token: author.token,
        })
      ).status,
    ).toBe(404);
  });

  it('refuses documents while the entry is in review (reviewers approve one revision)', async () => {
    const draft = await createDraft(http, author);
    await expectOk(http('POST', `/api/practices/${draft.id}/submit`, { token: author.token }));
    const file = await uploadPdf(author);
    const res = await attach(author, draft.id, [file.id]);
    expect([res.status, res.body.code]).toEqual([409, 'CONFLICT']);
  });

  it('serves a public entry’s documents to everyone, signed out too, as attachments; they carry over to the next version, and new ones wait for it', async () => {
    const draft = await createDraft(http, author);
    const report = await uploadPdf(author, 'report.pdf');
    await expectOk(attach(author, draft.id, [report.id]), 201);
    const published = await publish(http, flow(), draft.id, 'public');
    const page = await expectOk(http('GET', `/api/practices/${published.slug}`));
    expect(page.attachments.map((a: any) => [a.name, a.url])).toEqual([['report.pdf', report.url]]);
    for (const person of [null, member, outsider, author, coordinator]) {
      const res = await download(t, person?.token, report.url);
      expect([person?.id ?? 'signed out', res.status]).toEqual([person?.id ?? 'signed out', 200]);
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="?report\.pdf"?$/,
      );
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.bytes.equals(minimalPdf())).toBe(true);
    }
    expect((await http('GET', `${report.url}/meta`)).status).toBe(200);

    // The next version: a new document waits for publication; the first one carries over.
    const annex = await uploadPdf(author, 'annex.pdf');
    await expectOk(attach(author, draft.id, [annex.id]), 201);
    const stillV1 = await expectOk(http('GET', `/api/practices/${published.slug}`));
    expect(stillV1.attachments.map((a: any) => a.name)).toEqual(['report.pdf']);
    expect(await statusOf(null, annex.url)).toBe(404);
    expect(await statusOf(member, annex.url)).toBe(404);
    expect(await statusOf(author, annex.url)).toBe(200);
    await publish(http, flow(), draft.id);
    const v2 = await expectOk(http('GET', `/api/practices/${published.slug}`));
    expect([v2.version, v2.attachments.map((a: any) => a.name)]).toEqual([
      2,
      ['report.pdf', 'annex.pdf'],
    ]);
    expect(await statusOf(null, annex.url)).toBe(200);

    // Hidden by moderators, its documents are its author's and moderators' only.
    await expectOk(
      http('POST', `/api/practices/${draft.id}/hide`, {
        token: coordinator.token,
        body: { reason: 'Check the report.' },
      }),
    );
    expect(await statusOf(null, report.url)).toBe(404);
    expect(await statusOf(member, report.url)).toBe(404);
    expect(await statusOf(author, report.url)).toBe(200);
    expect(await statusOf(coordinator, report.url)).toBe(200);
  });

  it('keeps the documents of a network entry from the signed out, and those of an exchange entry from non-members', async () => {
    const network = await createDraft(http, author);
    const networkFile = await uploadPdf(author, 'network.pdf');
    await expectOk(attach(author, network.id, [networkFile.id]), 201);
    await publish(http, flow(), network.id, 'network');
    expect(await statusOf(member, networkFile.url)).toBe(200);
    expect(await statusOf(null, networkFile.url)).toBe(404);

    const inExchange = await createDraft(
      http,
      author,
      completeEntry({ exchangeId, visibility: 'exchange' }),
    );
    const secret = await uploadPdf(author, 'exchange.pdf');
    await expectOk(attach(author, inExchange.id, [secret.id]), 201);
    await publish(http, flow(), inExchange.id, 'exchange');
    expect(await statusOf(exchangeMember, secret.url)).toBe(200);
    expect(await statusOf(coordinator, secret.url)).toBe(200);
    for (const person of [null, member, outsider]) {
      expect(await statusOf(person, secret.url)).toBe(404);
      expect((await download(t, person?.token, `${secret.url}/meta`)).status).toBe(404);
    }
  });

  it('removes a deleted draft’s documents with it', async () => {
    const draft = await createDraft(http, author);
    const file = await uploadPdf(author);
    await expectOk(attach(author, draft.id, [file.id]), 201);
    await expectOk(http('DELETE', `/api/practices/${draft.id}`, { token: author.token }), 204);
    expect(await statusOf(author, file.url)).toBe(404);
  });
});
