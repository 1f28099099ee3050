// What a file is, told by its content (file-type, with its maintainer's detector for Office
// 97–2003 files), never by its name or the type the browser claims.
import { detectCfbf } from '@file-type/cfbf';
import { type Detector, FileTypeParser } from 'file-type';
import { ACCEPTED_FILE_TYPES, type AcceptedFileType, MAX_FILE_BYTES } from '#libs/contracts';

const ACCEPTED = new Map(ACCEPTED_FILE_TYPES.map((type) => [type.contentType, type]));

const CFBF_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const NOT_AN_OFFICE_FILE = { ext: 'cfb', mime: 'application/x-cfb' } as const;

/**
 * Runs before the CFBF detector, which allocates a buffer as long as the header's directory
 * offset says (up to terabytes for a forged header): a directory said to lie beyond the end of
 * the file means the file is not a document we accept, and detection ends here.
 */
const cfbfBoundsGuard: Detector = {
  id: 'crossings:cfbf-bounds',
  async detect(tokenizer) {
    const header = new Uint8Array(52);
    const read = await tokenizer.peekBuffer(header, { length: 52, mayBeLess: true });
    if (read < 52 || !CFBF_SIGNATURE.every((byte, i) => header[i] === byte)) return undefined;
    const sectorShift = header[30];
    if (sectorShift !== 9 && sectorShift !== 12) return NOT_AN_OFFICE_FILE;
    const directoryStart = new DataView(header.buffer).getUint32(48, true);
    const clsidEnd = 512 + directoryStart * 2 ** sectorShift + 96;
    const size = tokenizer.fileInfo.size ?? 0;
    return clsidEnd > size ? NOT_AN_OFFICE_FILE : undefined;
  },
};

/** The accepted type of the file at `path`, or null when it is anything else. */
export async function detectAcceptedType(path: string): Promise<AcceptedFileType | null> {
  const parser = new FileTypeParser({
    customDetectors: [cfbfBoundsGuard, detectCfbf],
    maxBufferSize: MAX_FILE_BYTES,
  });
  try {
    const found = await parser.fromFile(path);
    return (found && ACCEPTED.get(found.mime)) ?? null;
  } catch {
    // A file the parsers cannot follow (truncated, forged lengths) is no file we accept.
    return null;
  }
}
