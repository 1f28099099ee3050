export { FilesModule } from './files.module.js';
export { FilesService } from './files.service.js';
export { FileOwners, type FileOwner, type AttachmentSubject } from './file-owners.js';
export { AttachmentIds } from './dto/attachment-ids.js';
export { FileSweeper, FILE_SWEEP_QUEUE, type SweepResult } from './file-sweeper.js';
export {
  FileAttachedError,
  FileTooLargeError,
  QuotaExceededError,
  UnsupportedFileTypeError,
} from './files.errors.js';
