// The name a file is stored and downloaded under: the uploader's, checked, with an extension
// that matches what the content is (a PDF named "minutes.exe" downloads as "minutes.exe.pdf").
import { type AcceptedFileType, MAX_FILE_NAME_LENGTH } from '#libs/contracts';
import { textProblem } from '#libs/common';

// DEL and the C1 controls, which the input gate's C0 check does not cover; no name needs them.
const MORE_CONTROLS = /[\u007F-\u009F]/;

/** What is wrong with an uploaded file's name, or null. */
export function fileNameProblem(raw: string): string | null {
  const name = raw.normalize('NFC').trim();
  if (name.length === 0) return 'must have a name';
  if ([...name].length > MAX_FILE_NAME_LENGTH)
    return `must have a name of at most ${MAX_FILE_NAME_LENGTH} characters`;
  if (textProblem(name) || MORE_CONTROLS.test(name))
    return 'must have a name without control characters or broken Unicode';
  if (/[/\\]/.test(name)) return 'must have a name without folders';
  if (/^\.+$/.test(name)) return 'must have a name that is more than dots';
  return null;
}

/** The stored name: NFC, trimmed, ending in an extension of the detected type. */
export function storedFileName(raw: string, type: AcceptedFileType): string {
  const name = raw.normalize('NFC').trim();
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return type.extensions.includes(extension) ? name : `${name}.${type.extensions[0]}`;
}
