// Payloads of the client → server live events; each validated like an HTTP body. The shapes and
// limits are the contract's (libs/contracts): each DTO implements its request type.
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  CLIENT_MESSAGE_ID_PATTERN,
  type EditMessageRequest,
  HISTORY_PAGE_MAX,
  type HideMessageRequest,
  type HistoryQuery as HistoryQueryShape,
  type JoinRoomRequest,
  type MarkReadRequest,
  MAX_BODY_LENGTH,
  type MemberModerationRequest,
  type MentionableQuery as MentionableQueryShape,
  type MessageRef,
  MUTE_MAX_MINUTES,
  type MuteMemberRequest,
  REASON_LENGTH,
  type RoomRef,
  type SendMessageRequest,
} from '#libs/contracts';
import { IsBcp47Tag, IsOmittable } from '#libs/common';

export class RoomRefDto implements RoomRef {
  @IsUUID()
  roomId: string;
}

export class JoinRoomDto extends RoomRefDto implements JoinRoomRequest {
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  sinceSeq?: number;
}

export class MarkReadDto extends RoomRefDto implements MarkReadRequest {
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  seq: number;
}

export class SendMessageDto extends RoomRefDto implements SendMessageRequest {
  /** The client's own id for this message: a retry with the same id never creates a second one. */
  @IsString()
  @Matches(new RegExp(CLIENT_MESSAGE_ID_PATTERN), {
    message: 'clientMessageId must be 8–64 letters, digits, - or _',
  })
  clientMessageId: string;

  @IsString()
  @Length(1, MAX_BODY_LENGTH)
  body: string;

  @IsOmittable()
  @IsBcp47Tag()
  language?: string;

  /** Session rooms only: put this message in the question queue. */
  @IsOmittable()
  @IsBoolean()
  isQuestion?: boolean;
}

export class MessageRefDto extends RoomRefDto implements MessageRef {
  @IsUUID()
  messageId: string;
}

export class EditMessageDto extends MessageRefDto implements EditMessageRequest {
  @IsString()
  @Length(1, MAX_BODY_LENGTH)
  body: string;
}

export class HideMessageDto extends MessageRefDto implements HideMessageRequest {
  @IsString()
  @Length(REASON_LENGTH.min, REASON_LENGTH.max)
  reason: string;
}

export class MemberModerationDto extends RoomRefDto implements MemberModerationRequest {
  @IsUUID()
  practitionerId: string;

  @IsString()
  @Length(REASON_LENGTH.min, REASON_LENGTH.max)
  reason: string;
}

export class MuteMemberDto extends MemberModerationDto implements MuteMemberRequest {
  @IsInt()
  @Min(1)
  @Max(MUTE_MAX_MINUTES)
  minutes: number;
}

export class HistoryQuery implements HistoryQueryShape {
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  beforeSeq?: number;

  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(HISTORY_PAGE_MAX)
  limit?: number;
}

export class MentionableQuery implements MentionableQueryShape {
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  q?: string;
}
