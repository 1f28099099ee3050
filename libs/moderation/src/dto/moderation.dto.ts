import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  type CreateFlagRequest,
  FLAG_REASONS,
  FLAG_TEXT_MAX,
  FLAGGABLE_SUBJECT_TYPES,
  type FlaggableSubjectType,
  type FlagReason,
  MODERATION_SUBJECT_TYPES,
  type ModerationSubjectType,
  QUEUE_DECISIONS,
  type QueueDecision,
  type QueueDecisionRequest,
} from '#libs/contracts';
import { PageQuery } from '#libs/common';

export class CreateFlagDto implements CreateFlagRequest {
  @ApiProperty({ enum: FLAGGABLE_SUBJECT_TYPES })
  @IsIn(FLAGGABLE_SUBJECT_TYPES)
  subjectType: FlaggableSubjectType;

  @ApiProperty()
  @IsUUID()
  subjectId: string;

  @ApiProperty({ enum: FLAG_REASONS })
  @IsIn(FLAG_REASONS)
  reason: FlagReason;

  @ApiPropertyOptional({ description: 'Required for `other`', maxLength: FLAG_TEXT_MAX })
  @ValidateIf((o: CreateFlagDto) => o.reason === 'other' || o.text !== undefined)
  @IsString()
  @Length(1, FLAG_TEXT_MAX)
  text?: string;
}

export class QueueQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  exchangeId?: string;

  @ApiPropertyOptional({ enum: FLAGGABLE_SUBJECT_TYPES })
  @IsOptional()
  @IsIn(FLAGGABLE_SUBJECT_TYPES)
  subjectType?: FlaggableSubjectType;
}

export class QueueSubjectParams {
  @IsIn(FLAGGABLE_SUBJECT_TYPES)
  subjectType: FlaggableSubjectType;

  @IsUUID()
  subjectId: string;
}

export const QUEUE_MUTE_MINUTES = { min: 5, max: 43_200 } as const;

export class QueueDecisionDto implements QueueDecisionRequest {
  @ApiProperty({ enum: QUEUE_DECISIONS })
  @IsIn(QUEUE_DECISIONS)
  decision: QueueDecision;

  @ApiProperty({ description: 'For the audit log and the author' })
  @IsString()
  @Length(3, 500)
  reason: string;

  @ApiPropertyOptional({ minimum: QUEUE_MUTE_MINUTES.min, maximum: QUEUE_MUTE_MINUTES.max })
  @ValidateIf(
    (o: QueueDecisionDto) => o.decision === 'hide-and-mute' || o.muteMinutes !== undefined,
  )
  @IsInt()
  @Min(QUEUE_MUTE_MINUTES.min)
  @Max(QUEUE_MUTE_MINUTES.max)
  muteMinutes?: number;
}

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  exchangeId?: string;

  @ApiPropertyOptional({ enum: MODERATION_SUBJECT_TYPES })
  @IsOptional()
  @IsIn(MODERATION_SUBJECT_TYPES)
  targetType?: ModerationSubjectType;

  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
