// Who may do what with a file. An upload belongs to its uploader alone until something takes it;
// then it is read like that thing (the owner's answer, `subjectReadable`) and leaves only with it.
import type { Actor } from '#libs/common';

export interface FileFacts {
  uploaderId: string;
  /** null while unattached. */
  subjectId: string | null;
}

export type FileAction = 'read' | 'delete' | 'attach';

/**
 * `subjectReadable`: whether the actor may read the subject the file is attached to (ask the
 * owner only for attached files; it is ignored for unattached ones).
 */
export function canOnFile(
  actor: Actor | null,
  action: FileAction,
  file: FileFacts,
  subjectReadable = false,
): boolean {
  // Signed out (null): only an attached file whose owner lets anyone read it.
  const own = actor !== null && file.uploaderId === actor.id;
  const attached = file.subjectId !== null;
  switch (action) {
    case 'read':
      return attached ? subjectReadable : own;
    case 'delete':
    case 'attach':
      return own && !attached;
  }
}
