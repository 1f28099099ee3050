// What can go wrong with a file, in the product's words; codes from libs/contracts.
import { MAX_FILE_BYTES } from '#libs/contracts';
import { DomainError } from '#libs/common';

const MIB = 1024 * 1024;
const mib = (bytes: number) => `${Math.round((bytes / MIB) * 10) / 10} MB`;

export class FileTooLargeError extends DomainError {
  constructor(message = `A file may be at most ${mib(MAX_FILE_BYTES)}.`) {
    super('FILE_TOO_LARGE', 413, message, { maxFileBytes: MAX_FILE_BYTES });
  }
}

export class UnsupportedFileTypeError extends DomainError {
  constructor(
    message = 'Only PDF, images (JPEG, PNG, WebP, GIF) and office documents can be attached.',
  ) {
    super('UNSUPPORTED_FILE_TYPE', 415, message);
  }
}

export class QuotaExceededError extends DomainError {
  constructor(quotaBytes: number, usedBytes: number) {
    super(
      'QUOTA_EXCEEDED',
      409,
      `This file does not fit in your ${mib(quotaBytes)} of attachments (${mib(usedBytes)} used). Remove files you no longer need.`,
      { quotaBytes, usedBytes },
    );
  }
}

export class FileAttachedError extends DomainError {
  constructor(message = 'This file belongs to a post or practice: remove it from there instead.') {
    super('FILE_ATTACHED', 409, message);
  }
}
