// Attachments: files on posts and practices. The limits and the accepted types live here once,
// for the API (which checks the content) and the web client (which warns before uploading).

/** Largest file one upload may carry: 20 MiB. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Longest file name accepted, in characters. */
export const MAX_FILE_NAME_LENGTH = 255;

/** Most attachments one post or practice may carry. */
export const MAX_ATTACHMENTS = 10;

/** An upload nobody attached is removed after this many hours. */
export const UNATTACHED_FILE_HOURS = 24;

export const FILE_KINDS = ['pdf', 'image', 'document', 'spreadsheet', 'presentation'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export interface AcceptedFileType {
  /** The type the content was recognised as (and is served as). */
  contentType: string;
  /** The usual extension, first; a stored name gets the first when it has none of these. */
  extensions: readonly string[];
  kind: FileKind;
}

/** What an upload may be, recognised from its content (never from its name). */
export const ACCEPTED_FILE_TYPES: readonly AcceptedFileType[] = [
  { contentType: 'application/pdf', extensions: ['pdf'], kind: 'pdf' },
  { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'], kind: 'image' },
  { contentType: 'image/png', extensions: ['png'], kind: 'image' },
  { contentType: 'image/webp', extensions: ['webp'], kind: 'image' },
  { contentType: 'image/gif', extensions: ['gif'], kind: 'image' },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    kind: 'document',
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    kind: 'spreadsheet',
  },
  {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    kind: 'presentation',
  },
  { contentType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'], kind: 'document' },
  {
    contentType: 'application/vnd.oasis.opendocument.spreadsheet',
    extensions: ['ods'],
    kind: 'spreadsheet',
  },
  {
    contentType: 'application/vnd.oasis.opendocument.presentation',
    extensions: ['odp'],
    kind: 'presentation',
  },
  { contentType: 'application/msword', extensions: ['doc'], kind: 'document' },
  { contentType: 'application/vnd.ms-excel', extensions: ['xls'], kind: 'spreadsheet' },
  { contentType: 'application/vnd.ms-powerpoint', extensions: ['ppt'], kind: 'presentation' },
];

/** For a file input's `accept` attribute: a hint to the picker, the server decides. */
export const ACCEPTED_FILE_EXTENSIONS: readonly string[] = ACCEPTED_FILE_TYPES.flatMap((t) =>
  t.extensions.map((e) => `.${e}`),
);

/** A file as its uploader sees it (the answer to an upload, and `GET /api/files/:id/meta`). */
export interface FileView {
  id: string;
  name: string;
  contentType: string;
  kind: FileKind;
  sizeBytes: number;
  /** SHA-256 of the stored content, hex. */
  sha256: string;
  createdAt: string;
  /** False until a post or practice takes it; unattached uploads go after a day. */
  attached: boolean;
  /** Where to download it (with the access token): `/api/files/:id`. */
  url: string;
}

/** A file on a post or practice, as its readers see it. */
export interface AttachmentView {
  id: string;
  name: string;
  contentType: string;
  kind: FileKind;
  sizeBytes: number;
  createdAt: string;
  url: string;
}

/** `GET /api/me/files`: how much of the member's quota is used, and their unattached uploads. */
export interface FileStorageView {
  usedBytes: number;
  quotaBytes: number;
  maxFileBytes: number;
  unattached: FileView[];
}
