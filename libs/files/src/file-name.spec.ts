import { ACCEPTED_FILE_TYPES } from '#libs/contracts';
import { fileNameProblem, storedFileName } from './file-name.js';

const type = (contentType: string) =>
  ACCEPTED_FILE_TYPES.find((t) => t.contentType === contentType)!;

describe('file names', () => {
  it.each([
    ['report.pdf'],
    ['Évaluation finale — Lyon 2026.pdf'],
    ['تقرير.pdf'],
    ['a'.repeat(251) + '.pdf'],
  ])('accepts %s', (name) => {
    expect(fileNameProblem(name)).toBeNull();
  });

  it.each([
    ['', 'must have a name'],
    ['   ', 'must have a name'],
    ['a'.repeat(252) + '.pdf', 'at most 255 characters'],
    ['nul\u0000.pdf', 'control characters'],
    ['bell\u0007.pdf', 'control characters'],
    ['line\u0085break.pdf', 'control characters'],
    ['del\u007F.pdf', 'control characters'],
    ['lone\ud800.pdf', 'control characters or broken Unicode'],
    ['../etc/passwd', 'without folders'],
    ['c:\\boot.ini', 'without folders'],
    ['..', 'more than dots'],
  ])('refuses %j (%s)', (name, problem) => {
    expect(fileNameProblem(name)).toContain(problem);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(fileNameProblem('😀'.repeat(255))).toBeNull();
  });

  it('keeps a matching extension and adds the right one otherwise', () => {
    expect(storedFileName('  Photo.JPEG ', type('image/jpeg'))).toBe('Photo.JPEG');
    expect(storedFileName('photo.jpg', type('image/jpeg'))).toBe('photo.jpg');
    expect(storedFileName('minutes.exe', type('application/pdf'))).toBe('minutes.exe.pdf');
    expect(storedFileName('README', type('application/pdf'))).toBe('README.pdf');
    expect(storedFileName('.pdf', type('application/pdf'))).toBe('.pdf.pdf');
    expect(storedFileName('cafe\u0301.pdf', type('application/pdf'))).toBe('café.pdf');
  });
});
