// For the DTOs of the libraries that take attachments: a list of uploaded file ids.
//   @AttachmentIds() attachmentIds?: string[];
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';
import { MAX_ATTACHMENTS } from '#libs/contracts';

export function AttachmentIds(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: [String],
      format: 'uuid',
      maxItems: MAX_ATTACHMENTS,
      description: 'Ids of files uploaded with POST /api/files (the caller’s own, unattached).',
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_ATTACHMENTS),
    IsUUID('all', { each: true }),
  );
}
