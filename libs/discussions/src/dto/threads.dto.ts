// Requests of the thread routes and live events, each validated like every body.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  FOLLOW_LEVELS,
  type FollowLevel,
  THREAD_KINDS,
  THREAD_LIMITS,
  type ThreadKind,
} from '#libs/contracts';
import { IsBcp47Tag, IsOmittable, PageQuery } from '#libs/common';
import { AttachmentIds } from '#libs/files';

const CLIENT_ID = new RegExp(THREAD_LIMITS.clientIdPattern);
const CLIENT_ID_MESSAGE = 'clientId must be 8–64 letters, digits, - or _';

class ThreadFields {
  @ApiProperty({ example: 'What worked in the first 72 hours?' })
  @IsString()
  @Length(THREAD_LIMITS.title.min, THREAD_LIMITS.title.max)
  title: string;

  @ApiProperty({ enum: THREAD_KINDS })
  @IsIn(THREAD_KINDS)
  kind: ThreadKind;

  @ApiPropertyOptional({ example: ['online-hate'] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(THREAD_LIMITS.themes)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  themes?: string[];

  @ApiProperty({
    description: 'The client’s own id: a retry with the same id creates nothing twice',
  })
  @IsString()
  @Matches(CLIENT_ID, { message: CLIENT_ID_MESSAGE })
  clientId: string;
}

export class CreateThreadDto extends ThreadFields {
  @ApiPropertyOptional({ description: 'The exchange; left out (or null), the network commons' })
  @ValidateIf((_o: object, value: unknown) => value !== undefined && value !== null)
  @IsUUID()
  exchangeId?: string | null;

  @ApiProperty({ example: 'en' })
  @IsBcp47Tag()
  language: string;

  @ApiProperty({ description: 'The opening post, markdown' })
  @IsString()
  @Length(THREAD_LIMITS.body.min, THREAD_LIMITS.body.max)
  body: string;

  @AttachmentIds()
  attachmentIds?: string[];
}

export class ThreadFromMessageDto extends ThreadFields {
  @ApiProperty()
  @IsUUID()
  roomId: string;

  @ApiPropertyOptional({ description: 'Defaults to the message’s language' })
  @IsOmittable()
  @IsBcp47Tag()
  language?: string;
}

export class CreatePostDto {
  @ApiPropertyOptional({ description: 'The post replied to; left out, the opening post' })
  @IsOmittable()
  @IsUUID()
  parentPostId?: string;

  @ApiProperty({ description: 'Markdown' })
  @IsString()
  @Length(THREAD_LIMITS.body.min, THREAD_LIMITS.body.max)
  body: string;

  @ApiProperty({ example: 'fr' })
  @IsBcp47Tag()
  language: string;

  @ApiProperty()
  @IsString()
  @Matches(CLIENT_ID, { message: CLIENT_ID_MESSAGE })
  clientId: string;

  @AttachmentIds()
  attachmentIds?: string[];
}

export class EditPostDto {
  @ApiProperty({ description: 'Markdown' })
  @IsString()
  @Length(THREAD_LIMITS.body.min, THREAD_LIMITS.body.max)
  body: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBcp47Tag()
  language?: string;

  /** The post's files after the edit: new uploads are attached, the ones left out taken off. */
  @AttachmentIds()
  attachmentIds?: string[];
}

export class ListThreadsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsUUID()
  exchangeId?: string;

  @ApiPropertyOptional({ description: 'true: the commons only' })
  @IsOmittable()
  @IsIn(['true', 'false'])
  commons?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'A theme slug' })
  @IsOmittable()
  @IsString()
  @Length(1, 64)
  theme?: string;

  @ApiPropertyOptional({ enum: THREAD_KINDS })
  @IsOmittable()
  @IsIn(THREAD_KINDS)
  kind?: ThreadKind;

  @ApiPropertyOptional({ description: 'Words in titles and posts' })
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  q?: string;
}

export class ThreadPageQuery {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class ThreadPostsQuery {
  @ApiPropertyOptional({ description: 'One branch: the top-level reply it starts from' })
  @IsOmittable()
  @IsUUID()
  branchId?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  afterSeq?: number;

  @ApiPropertyOptional()
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(THREAD_LIMITS.postsPage)
  limit?: number;
}

export class ExportQuery {
  @ApiPropertyOptional({ enum: ['markdown'] })
  @IsOmittable()
  @IsIn(['markdown'])
  format?: 'markdown';
}

export class MentionableQuery {
  @ApiPropertyOptional({ description: 'An exchange; left out, the commons' })
  @IsOmittable()
  @IsUUID()
  exchangeId?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class MarkReadDto {
  @ApiProperty({ description: 'Read up to and including this post' })
  @IsUUID()
  postId: string;
}

export class FollowDto {
  @ApiProperty({ enum: FOLLOW_LEVELS })
  @IsIn(FOLLOW_LEVELS)
  level: FollowLevel;
}

export class AnswerDto {
  @ApiProperty()
  @IsUUID()
  postId: string;
}

export class ReasonDto {
  @ApiProperty({ description: 'Why, for the audit log' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class MoveThreadDto extends ReasonDto {
  @ApiProperty({ description: 'The exchange to move it to; null for the commons', nullable: true })
  @ValidateIf((_o: object, value: unknown) => value !== null)
  @IsUUID()
  exchangeId: string | null;
}

export class MergeThreadDto extends ReasonDto {
  @ApiProperty({ description: 'The thread that goes on' })
  @IsUUID()
  intoThreadId: string;
}

export class ThreadMuteDto extends ReasonDto {
  @ApiPropertyOptional({ description: 'The exchange; left out (or null), the commons' })
  @ValidateIf((_o: object, value: unknown) => value !== undefined && value !== null)
  @IsUUID()
  exchangeId?: string | null;

  @ApiProperty()
  @IsUUID()
  practitionerId: string;

  @ApiProperty({ minimum: 1, maximum: 7 * 24 * 60 })
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60)
  minutes: number;
}

export class ThreadUnmuteDto extends ReasonDto {
  @ApiPropertyOptional({ description: 'The exchange; left out (or null), the commons' })
  @ValidateIf((_o: object, value: unknown) => value !== undefined && value !== null)
  @IsUUID()
  exchangeId?: string | null;

  @ApiProperty()
  @IsUUID()
  practitionerId: string;
}

/** thread.subscribe and thread.unsubscribe. */
export class ThreadRefDto {
  @IsUUID()
  threadId: string;
}
