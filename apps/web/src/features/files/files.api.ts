// Attachments in the web client: upload with progress, remove an unattached upload, download
// (with the access token, which a plain link would not carry), and the checks worth making
// before sending 20 MB for nothing. The server decides; these only warn early.
import {
  ACCEPTED_FILE_EXTENSIONS,
  type AttachmentView,
  type FileStorageView,
  type FileView,
  MAX_FILE_BYTES,
} from '@contracts';
import { api, download, uploadFile, type UploadOptions } from '../../api/client';

export const uploadAttachment = (file: File, options?: UploadOptions) =>
  uploadFile<FileView>('/api/files', file, options);

export const removeUpload = (id: string) => api.delete<void>(`/api/files/${id}`);

export const myFileStorage = () => api.get<FileStorageView>('/api/me/files');

export const downloadAttachment = (file: Pick<AttachmentView, 'url' | 'name'>) =>
  download(file.url, file.name);

export type FileProblem = 'tooLarge' | 'unsupported' | 'empty';

/** What is plainly wrong with a file before it is sent, or null. */
export function fileProblem(file: File): FileProblem | null {
  if (file.size > MAX_FILE_BYTES) return 'tooLarge';
  if (file.size === 0) return 'empty';
  const dot = file.name.lastIndexOf('.');
  const extension = dot >= 0 ? file.name.slice(dot).toLowerCase() : '';
  return ACCEPTED_FILE_EXTENSIONS.includes(extension) ? null : 'unsupported';
}

/** "820 KB", "12.4 MB", in the reader's language. */
export function formatBytes(bytes: number, language: string): string {
  const [value, unit] =
    bytes >= 1024 * 1024
      ? [bytes / (1024 * 1024), 'megabyte']
      : bytes >= 1024
        ? [bytes / 1024, 'kilobyte']
        : [bytes, 'byte'];
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit,
    unitDisplay: unit === 'byte' ? 'long' : 'short',
    maximumFractionDigits: unit === 'megabyte' && value < 10 ? 1 : 0,
  }).format(value);
}
