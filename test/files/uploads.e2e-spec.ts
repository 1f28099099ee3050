// Uploads: every accepted type is recognised from its content and comes back intact (images
// without their metadata); anything else, however it is named, is refused with a typed error and
// leaves nothing behind, as do bodies past 20 MB and malformed multipart bodies.
import exifr from 'exifr';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { MAX_FILE_BYTES } from '#libs/contracts';
import { createPerson, type TestPerson } from '../factories/accounts.js';
import {
  compoundFile,
  exe,
  gif,
  GPS,
  html,
  jpegWithGps,
  minimalPdf,
  multipart,
  MULTIPART_TYPE,
  officeOpenXml,
  openDocument,
  pngWithGps,
  stallUpload,
  streamUpload,
  svg,
  upload,
  uploadRaw,
  webp,
  zip,
} from '../support/files.js';
import { httpClient, type Http } from '../support/http.js';
import {
  contentPath,
  download,
  filesOnDisk,
  type FilesTestApp,
  startFilesApp,
  until,
} from './files-helpers.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('uploads', () => {
  let t: FilesTestApp;
  let http: Http;
  let member: TestPerson;

  beforeAll(async () => {
    // The big uploads below need room beyond the default quota's 200 MB.
    t = await startFilesApp({ FILES_QUOTA_MB: '1000' });
    http = httpClient(t.baseUrl);
    member = await createPerson(t.dataSource, http);
  });
  afterAll(() => t.close());
  afterEach(async () => {
    // A refused upload leaves nothing half-written behind, by the time it is answered.
    expect((await filesOnDisk(t)).filter((f) => f.startsWith('.incoming'))).toEqual([]);
  });

  const rowsOf = async (person: TestPerson) =>
    (await t.dataSource.query(`SELECT id, status FROM files WHERE uploader_id = $1`, [
      person.id,
    ])) as Array<{ id: string; status: string }>;

  /** A member with no files yet, so counting their rows says what one request left behind. */
  const freshMember = () => createPerson(t.dataSource, http);

  const documents: Array<[string, () => Buffer, string, string, string]> = [
    ['a PDF', minimalPdf, 'minutes.pdf', 'application/pdf', 'pdf'],
    [
      'a Word document (docx)',
      () => officeOpenXml('docx'),
      'report.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'document',
    ],
    [
      'an Excel workbook (xlsx)',
      () => officeOpenXml('xlsx'),
      'budget.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'spreadsheet',
    ],
    [
      'a PowerPoint deck (pptx)',
      () => officeOpenXml('pptx'),
      'slides.pptx',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      'presentation',
    ],
    [
      'an OpenDocument text',
      () => openDocument('text'),
      'notes.odt',
      'application/vnd.oasis.opendocument.text',
      'document',
    ],
    [
      'an OpenDocument spreadsheet',
      () => openDocument('spreadsheet'),
      'figures.ods',
      'application/vnd.oasis.opendocument.spreadsheet',
      'spreadsheet',
    ],
    [
      'an OpenDocument presentation',
      () => openDocument('presentation'),
      'talk.odp',
      'application/vnd.oasis.opendocument.presentation',
      'presentation',
    ],
    [
      'a Word 97–2003 document',
      () => compoundFile('doc'),
      'old.doc',
      'application/msword',
      'document',
    ],
    [
      'an Excel 97–2003 workbook',
      () => compoundFile('xls'),
      'old.xls',
      'application/vnd.ms-excel',
      'spreadsheet',
    ],
    [
      'a PowerPoint 97–2003 deck',
      () => compoundFile('ppt'),
      'old.ppt',
      'application/vnd.ms-powerpoint',
      'presentation',
    ],
  ];

  it.each(documents)(
    'stores %s as sent, recognised from its content',
    async (_what, build, name, contentType, kind) => {
      const content = build();
      const res = await upload(t.baseUrl, member.token, content, name, 'application/octet-stream');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name,
        contentType,
        kind,
        sizeBytes: content.length,
        sha256: sha256(content),
        attached: false,
        url: `/api/files/${res.body.id}`,
      });
      const back = await download(t, member.token, res.body.url);
      expect(back.status).toBe(200);
      expect(back.headers.get('content-type')).toBe(contentType);
      expect(back.bytes.equals(content)).toBe(true);
    },
  );

  it('goes by the content, not the name: a PDF named .txt and claimed as text is a PDF, named so', async () => {
    const res = await upload(t.baseUrl, member.token, minimalPdf(), 'minutes.txt', 'text/plain');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ contentType: 'application/pdf', name: 'minutes.txt.pdf' });
    const back = await download(t, member.token, res.body.url);
    expect(back.headers.get('content-disposition')).toBe('attachment; filename=minutes.txt.pdf');
  });

  it('strips EXIF and GPS from a JPEG, keeping the photo upright', async () => {
    const photo = await jpegWithGps();
    const before = await exifr.parse(photo, { gps: true });
    expect(before).toMatchObject({ Make: 'Crossings test camera', Artist: 'Zephyrine Quill' });
    expect(before.latitude).toBeCloseTo(GPS.latitude, 2);
    expect((await sharp(photo).metadata()).orientation).toBe(6);

    const res = await upload(t.baseUrl, member.token, photo, 'town-hall.jpg', 'image/jpeg');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ contentType: 'image/jpeg', kind: 'image' });
    const back = await download(t, member.token, res.body.url);
    expect(back.status).toBe(200);
    expect(res.body.sha256).toBe(sha256(back.bytes));
    expect(res.body.sizeBytes).toBe(back.bytes.length);
    expect(await exifr.parse(back.bytes, { gps: true, xmp: true, iptc: true })).toBeUndefined();
    expect(await exifr.gps(back.bytes)).toBeUndefined();
    const metadata = await sharp(back.bytes).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 8, height: 16 });
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(back.bytes.includes(Buffer.from('Zephyrine'))).toBe(false);
  });

  it('strips EXIF and GPS from a PNG, and re-encodes WebP and GIF', async () => {
    const png = await pngWithGps();
    expect((await exifr.gps(png))?.latitude).toBeCloseTo(GPS.latitude, 2);
    const res = await upload(t.baseUrl, member.token, png, 'chart.png', 'image/png');
    expect(res.status).toBe(201);
    const back = await download(t, member.token, res.body.url);
    expect(await exifr.gps(back.bytes).catch(() => undefined)).toBeUndefined();
    expect((await sharp(back.bytes).metadata()).exif).toBeUndefined();
    expect(back.bytes.includes(Buffer.from('Zephyrine'))).toBe(false);

    for (const [content, name, format] of [
      [await webp(), 'badge.webp', 'webp'],
      [await gif(), 'wave.gif', 'gif'],
    ] as const) {
      const stored = await upload(t.baseUrl, member.token, content, name);
      expect(stored.status).toBe(201);
      expect(stored.body.contentType).toBe(`image/${format}`);
      const again = await download(t, member.token, stored.body.url);
      expect((await sharp(again.bytes).metadata()).format).toBe(format);
    }
  });

  it.each([
    ['an HTML page named .pdf', html, 'report.pdf', 'application/pdf'],
    ['an SVG with a script named .png', svg, 'logo.png', 'image/png'],
    ['a Windows program named .pdf', exe, 'slides.pdf', 'application/pdf'],
    ['a plain ZIP named .docx', () => zip([['a.txt', 'hello']]), 'report.docx', 'application/zip'],
    ['a macro-enabled Word file named .docx', () => officeOpenXml('docm'), 'report.docx', ''],
    ['a Windows installer named .doc', () => compoundFile('msi'), 'setup.doc', ''],
    [
      'a compound file whose header points far beyond its end',
      () => compoundFile('doc', 0x7ffffff0),
      'forged.doc',
      '',
    ],
    ['plain text', () => Buffer.from('Just some notes.\n'), 'notes.pdf', 'application/pdf'],
    ['an empty file', () => Buffer.alloc(0), 'empty.pdf', 'application/pdf'],
  ])(
    'refuses %s with UNSUPPORTED_FILE_TYPE and keeps nothing',
    async (_what, build, name, claimed) => {
      const person = await freshMember();
      const res = await upload(t.baseUrl, person.token, build(), name, claimed || undefined);
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_FILE_TYPE' });
      expect(await rowsOf(person)).toEqual([]);
    },
  );

  it('refuses a damaged image with UNSUPPORTED_FILE_TYPE', async () => {
    const photo = await jpegWithGps();
    const damaged = Buffer.concat([photo.subarray(0, 200), Buffer.alloc(200, 0x41)]);
    const person = await freshMember();
    const res = await upload(t.baseUrl, person.token, damaged, 'broken.jpg', 'image/jpeg');
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(await rowsOf(person)).toEqual([]);
  });

  describe('size', () => {
    it('takes a file of exactly 20 MB', async () => {
      const person = await freshMember();
      const res = await streamUpload(t.baseUrl, person.token, { fileBytes: MAX_FILE_BYTES });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ sizeBytes: MAX_FILE_BYTES, contentType: 'application/pdf' });
      expect(await filesOnDisk(t)).toContain(contentPath(res.body.id));
      expect(
        (await http('DELETE', `/api/files/${res.body.id}`, { token: person.token })).status,
      ).toBe(204);
    });

    it.each([
      ['one byte too many, with its length announced', { fileBytes: MAX_FILE_BYTES + 1 }],
      [
        'a megabyte too many, sent chunked',
        { fileBytes: MAX_FILE_BYTES + 1_048_576, chunked: true },
      ],
    ])(
      'refuses %s with FILE_TOO_LARGE, and the connection still answers',
      async (_what, options) => {
        const person = await freshMember();
        const res = await streamUpload(t.baseUrl, person.token, options);
        expect(res.status).toBe(413);
        expect(res.body).toMatchObject({
          code: 'FILE_TOO_LARGE',
          details: { maxFileBytes: MAX_FILE_BYTES },
        });
        expect(await rowsOf(person)).toEqual([]);
      },
    );

    it('refuses a body announced as 10 GB at once, without reading it, and closes', async () => {
      const person = await freshMember();
      const res = await streamUpload(t.baseUrl, person.token, {
        fileBytes: 1_000_000,
        declaredLength: 10 * 1024 ** 3,
        stopAfterBytes: 1_000_000,
      });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('FILE_TOO_LARGE');
      expect((res.headers as Record<string, string>).connection).toBe('close');
      expect(await rowsOf(person)).toEqual([]);
    });
  });

  it('lets a member have 4 uploads under way; the fifth gets RATE_LIMITED; an abandoned upload leaves nothing and frees its place', async () => {
    const person = await freshMember();
    const stalled = [1, 2, 3, 4].map(() => stallUpload(t.baseUrl, person.token));
    const incoming = async () =>
      (await filesOnDisk(t)).filter((f) => f.startsWith('.incoming')).length;
    expect(await until(incoming, (n) => n === 4)).toBe(4);
    const fifth = await upload(t.baseUrl, person.token, minimalPdf(), 'fifth.pdf');
    expect([fifth.status, fifth.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect((fifth.headers as Headers).get('retry-after')).toBe('5');

    for (const upload of stalled) upload.abandon();
    expect(await until(incoming, (n) => n === 0)).toBe(0);
    const after = await until(
      () => upload(t.baseUrl, person.token, minimalPdf(), 'after.pdf'),
      (res) => res.status === 201,
    );
    expect(after.status).toBe(201);
    expect((await rowsOf(person)).length).toBe(1);
  });

  describe('malformed requests get a typed 4xx and change nothing', () => {
    const part = (disposition: string, content: Buffer | string = minimalPdf()) => ({
      headers: [`Content-Disposition: form-data; ${disposition}`, 'Content-Type: application/pdf'],
      content,
    });

    it.each([
      ['a JSON body', '{"file":"x"}', 'application/json'],
      ['no content type', 'x', 'text/plain'],
      ['multipart without a boundary', 'x', 'multipart/form-data'],
      ['no part at all', `--${'crossings-test-boundary'}--\r\n`, MULTIPART_TYPE],
      [
        'a text field instead of a file',
        multipart([{ headers: ['Content-Disposition: form-data; name="file"'], content: 'hello' }]),
        MULTIPART_TYPE,
      ],
      [
        'a file part not named "file"',
        multipart([part('name="document"; filename="a.pdf"')]),
        MULTIPART_TYPE,
      ],
      [
        'two files',
        multipart([part('name="file"; filename="a.pdf"'), part('name="file"; filename="b.pdf"')]),
        MULTIPART_TYPE,
      ],
      [
        'a file and a field',
        multipart([
          part('name="file"; filename="a.pdf"'),
          { headers: ['Content-Disposition: form-data; name="note"'], content: 'x' },
        ]),
        MULTIPART_TYPE,
      ],
      ['an empty file name', multipart([part('name="file"; filename=""')]), MULTIPART_TYPE],
      [
        'a NUL in the file name',
        multipart([part('name="file"; filename="a\u0000b.pdf"')]),
        MULTIPART_TYPE,
      ],
      [
        'an encoded NUL in the file name',
        multipart([part(`name="file"; filename*=UTF-8''a%00b.pdf`)]),
        MULTIPART_TYPE,
      ],
      [
        'an escape character in the file name',
        multipart([part('name="file"; filename="\u001b[31mred.pdf"')]),
        MULTIPART_TYPE,
      ],
      [
        'a C1 control in the file name',
        multipart([part(`name="file"; filename*=UTF-8''a%C2%85b.pdf`)]),
        MULTIPART_TYPE,
      ],
      [
        'a 300-character file name',
        multipart([part(`name="file"; filename="${'a'.repeat(296)}.pdf"`)]),
        MULTIPART_TYPE,
      ],
      ['a file name of dots', multipart([part('name="file"; filename="..."')]), MULTIPART_TYPE],
      [
        'a body cut off in the middle',
        multipart([part('name="file"; filename="a.pdf"')]).subarray(0, 150),
        MULTIPART_TYPE,
      ],
      [
        'a body that never closes its part',
        Buffer.from(
          `--crossings-test-boundary\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4`,
        ),
        MULTIPART_TYPE,
      ],
      [
        'part headers without an end',
        Buffer.from(
          `--crossings-test-boundary\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n`,
        ),
        MULTIPART_TYPE,
      ],
    ])('%s', async (_what, body, contentType) => {
      const person = await freshMember();
      const res = await uploadRaw(t.baseUrl, person.token, body, contentType);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(res.body)).not.toContain('\u0000');
      expect(await rowsOf(person)).toEqual([]);
    });

    it('keeps a file name in any language, and a path the browser sent only as its last part', async () => {
      const res = await uploadRaw(
        t.baseUrl,
        member.token,
        multipart([part(`name="file"; filename*=UTF-8''%D8%AA%D9%82%D8%B1%D9%8A%D8%B1.pdf`)]),
        MULTIPART_TYPE,
      );
      expect(res.status).toBe(201);
      expect(res.body.name).toBe('تقرير.pdf');
      const windows = await uploadRaw(
        t.baseUrl,
        member.token,
        multipart([part('name="file"; filename="C:\\Users\\zq\\minutes.pdf"')]),
        MULTIPART_TYPE,
      );
      expect(windows.status).toBe(201);
      expect(windows.body.name).toBe('minutes.pdf');
    });

    it('answers generated multipart bodies with 201 or a typed 4xx, never a 5xx', async () => {
      const person = await freshMember();
      const field = fc.oneof(
        fc.constant('name="file"; filename="a.pdf"'),
        fc.string({ maxLength: 80 }).map((s) => `name="file"; filename="${s}"`),
        fc.string({ maxLength: 80 }),
      );
      const body = fc.oneof(
        fc.tuple(field, fc.uint8Array({ maxLength: 300 })).map(([disposition, bytes]) =>
          multipart([
            {
              headers: [`Content-Disposition: form-data; ${disposition}`],
              content: Buffer.from(bytes),
            },
          ]),
        ),
        fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
        fc.string({ maxLength: 400 }).map((s) => Buffer.from(`--crossings-test-boundary\r\n${s}`)),
      );
      await fc.assert(
        fc.asyncProperty(body, async (bytes) => {
          const res = await uploadRaw(t.baseUrl, person.token, bytes, MULTIPART_TYPE);
          expect([201, 400, 413, 415]).toContain(res.status);
          if (res.status !== 201) expect(typeof res.body.code).toBe('string');
        }),
        { numRuns: 80 },
      );
    });
  });
});
