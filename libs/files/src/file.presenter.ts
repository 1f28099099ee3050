import {
  ACCEPTED_FILE_TYPES,
  type AttachmentView,
  type FileKind,
  type FileView,
} from '#libs/contracts';
import type { StoredFile } from './entities/stored-file.entity.js';

const KIND = new Map(ACCEPTED_FILE_TYPES.map((type) => [type.contentType, type.kind]));

/** What an attachment shows of its file. */
export type AttachedFile = Pick<
  StoredFile,
  'id' | 'name' | 'contentType' | 'sizeBytes' | 'createdAt'
>;

const kindOf = (file: AttachedFile): FileKind => KIND.get(file.contentType) ?? 'document';

export const fileUrl = (id: string) => `/api/files/${id}`;

export function presentAttachment(file: AttachedFile): AttachmentView {
  return {
    id: file.id,
    name: file.name,
    contentType: file.contentType,
    kind: kindOf(file),
    sizeBytes: file.sizeBytes,
    createdAt: file.createdAt.toISOString(),
    url: fileUrl(file.id),
  };
}

export function presentFile(file: StoredFile): FileView {
  return {
    ...presentAttachment(file),
    sha256: file.sha256,
    attached: file.subjectId !== null,
  };
}
