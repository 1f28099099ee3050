// Small real files for the files tests, made here (no fixtures on disk), and ways to upload them:
// a browser-like multipart form, a hand-written body, and a body streamed in chunks so that even
// a file past the 20 MB limit never exists in memory.
import http from 'node:http';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

// ---- Files ----

/** A small but complete PDF: one empty page, with a correct cross-reference table. */
export function minimalPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(text));
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(text);
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, 'latin1');
}

/** Where the test photos were "taken": Rotterdam's city hall. */
export const GPS = { latitude: 51.9225, longitude: 4.4792 };

const gpsExif = {
  IFD0: { Make: 'Crossings test camera', Model: 'Pocket 1', Artist: 'Zephyrine Quill' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '51/1 55/1 21/1',
    GPSLongitudeRef: 'E',
    GPSLongitude: '4/1 28/1 45/1',
  },
};

const canvas = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } });

/** A 16×8 JPEG with EXIF (camera, author, GPS) and orientation 6: shown upright it is 8×16. */
export function jpegWithGps(): Promise<Buffer> {
  return canvas(16, 8).jpeg().withMetadata({ orientation: 6 }).withExifMerge(gpsExif).toBuffer();
}

export function pngWithGps(): Promise<Buffer> {
  return canvas(12, 12).png().withExif(gpsExif).toBuffer();
}

export function webp(): Promise<Buffer> {
  return canvas(10, 10).webp().toBuffer();
}

export function gif(): Promise<Buffer> {
  return canvas(6, 6).gif().toBuffer();
}

/** A ZIP archive with its entries stored (no compression), as office formats are made of. */
export function zip(entries: Array<[name: string, content: string | Buffer]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const OOXML_MAIN = {
  docx: [
    'word/document.xml',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  ],
  xlsx: [
    'xl/workbook.xml',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  ],
  pptx: [
    'ppt/presentation.xml',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
  ],
  docm: ['word/document.xml', 'application/vnd.ms-word.document.macroEnabled.main+xml'],
} as const;

/** A minimal Office Open XML package: content types, relationships, the main part. */
export function officeOpenXml(kind: keyof typeof OOXML_MAIN): Buffer {
  const [part, type] = OOXML_MAIN[kind];
  return zip([
    [
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/${part}" ContentType="${type}"/></Types>`,
    ],
    [
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${part}"/></Relationships>`,
    ],
    [part, '<?xml version="1.0" encoding="UTF-8"?><document/>'],
  ]);
}

/** A minimal OpenDocument package: the `mimetype` entry first, as the format requires. */
export function openDocument(kind: 'text' | 'spreadsheet' | 'presentation'): Buffer {
  return zip([
    ['mimetype', `application/vnd.oasis.opendocument.${kind}`],
    ['content.xml', '<?xml version="1.0" encoding="UTF-8"?><office:document-content/>'],
  ]);
}

const CLSID = {
  doc: '00020906-0000-0000-c000-000000000046',
  xls: '00020820-0000-0000-c000-000000000046',
  ppt: '64818d10-4f9b-11cf-86ea-00aa00b929e8',
  msi: '000c1084-0000-0000-c000-000000000046',
};

/**
 * A Compound File (the container of Office 97–2003 files and Windows installers) whose root
 * entry names the application by its class id; `directorySector` may be forged.
 */
export function compoundFile(kind: keyof typeof CLSID, directorySector = 0): Buffer {
  const file = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.writeUInt16LE(0x3e, 24);
  file.writeUInt16LE(3, 26);
  file.writeUInt16LE(0xfffe, 28);
  file.writeUInt16LE(9, 30); // 512-byte sectors
  file.writeUInt16LE(6, 32);
  file.writeUInt32LE(directorySector, 48);
  const root = 512;
  Buffer.from('Root Entry\0', 'utf16le').copy(file, root);
  file.writeUInt16LE(22, root + 64);
  file[root + 66] = 5; // root storage
  // A CLSID's first three groups are little-endian, the last two as written.
  const hex = CLSID[kind].replace(/-/g, '');
  const guid = Buffer.from(hex, 'hex');
  guid.subarray(0, 4).reverse();
  guid.subarray(4, 6).reverse();
  guid.subarray(6, 8).reverse();
  guid.copy(file, root + 80);
  return file;
}

export const html = () =>
  Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
export const svg = () =>
  Buffer.from(
    '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>',
  );

/** The start of a Windows program: "MZ", and the PE header it points to. */
export function exe(): Buffer {
  const file = Buffer.alloc(512);
  file.write('MZ', 0, 'latin1');
  file.writeUInt32LE(0x80, 0x3c);
  file.write('PE\0\0', 0x80, 'latin1');
  return file;
}

// ---- Uploads ----

export interface UploadResult {
  status: number;
  body: any;
  headers: Headers | http.IncomingHttpHeaders;
}

async function answerOf(response: Response): Promise<UploadResult> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: response.status, body, headers: response.headers };
}

/** Uploads as a browser's form would: one part `file` with a name and a claimed type. */
export async function upload(
  baseUrl: string,
  token: string,
  content: Buffer,
  name: string,
  claimedType = 'application/octet-stream',
): Promise<UploadResult> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type: claimedType }), name);
  return answerOf(
    await fetch(`${baseUrl}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    }),
  );
}

/** Sends a body written by hand, with the given content type. */
export async function uploadRaw(
  baseUrl: string,
  token: string,
  body: Buffer | string,
  contentType: string,
): Promise<UploadResult> {
  return answerOf(
    await fetch(`${baseUrl}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    }),
  );
}

export const BOUNDARY = 'crossings-test-boundary';

/** A multipart body with the given parts, each `headers` lines plus content. */
export function multipart(parts: Array<{ headers: string[]; content: Buffer | string }>): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${BOUNDARY}\r\n${part.headers.join('\r\n')}\r\n\r\n`, 'utf8'));
    chunks.push(Buffer.isBuffer(part.content) ? part.content : Buffer.from(part.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

/**
 * Streams an upload of `fileBytes` bytes (a PDF header, then filler) in 64 KB chunks made from
 * one small buffer: nothing the size of the file is ever built. With `declaredLength` the
 * request says that length (true or not; `stopAfterBytes` ends sending early); otherwise it is
 * sent chunked. Resolves with the answer even when the server answers before the body is sent.
 */
export function streamUpload(
  baseUrl: string,
  token: string,
  options: {
    fileBytes: number;
    chunked?: boolean;
    declaredLength?: number;
    stopAfterBytes?: number;
  },
): Promise<UploadResult & { sentBytes: number }> {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="large.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const fillerBytes = options.fileBytes - '%PDF-1.4\n'.length;
  const total = head.length + fillerBytes + tail.length;
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  const url = new URL('/api/files', baseUrl);
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const headers: http.OutgoingHttpHeaders = {
      authorization: `Bearer ${token}`,
      'content-type': MULTIPART_TYPE,
    };
    if (!options.chunked) headers['content-length'] = options.declaredLength ?? total;
    const request = http.request(url, { method: 'POST', headers }, (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on('data', (data: Buffer) => parts.push(data));
      response.on('error', () => undefined);
      response.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: response.statusCode ?? 0, body, headers: response.headers, sentBytes });
      });
    });
    request.on('error', (error) => {
      // The server may close once it has answered; what matters is that the answer came.
      if (!answered) reject(error);
    });
    const limit = Math.min(total, options.stopAfterBytes ?? total);
    let fillerLeft = fillerBytes;
    let headSent = false;
    const pump = (): void => {
      while (!request.destroyed && sentBytes < limit) {
        let piece: Buffer;
        if (!headSent) {
          headSent = true;
          piece = head;
        } else if (fillerLeft > 0) {
          piece = fillerLeft >= chunk.length ? chunk : chunk.subarray(0, fillerLeft);
          fillerLeft -= piece.length;
        } else {
          piece = tail;
        }
        piece = piece.subarray(0, Math.min(piece.length, limit - sentBytes));
        sentBytes += piece.length;
        if (!request.write(piece)) return void request.once('drain', pump);
      }
      if (!request.destroyed && sentBytes >= total) request.end();
    };
    pump();
  });
}

/**
 * Starts an upload that sends its first `bytes` and then waits, as a slow or stalled client
 * would; `abandon()` drops the connection.
 */
export function stallUpload(
  baseUrl: string,
  token: string,
  bytes = 100 * 1024,
): { abandon(): void } {
  const request = http.request(new URL('/api/files', baseUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': MULTIPART_TYPE },
  });
  request.on('error', () => undefined);
  request.write(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="slow.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
  );
  request.write(Buffer.alloc(bytes, 0x20));
  return { abandon: () => request.destroy() };
}
