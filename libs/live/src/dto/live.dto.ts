// Payloads of the client → server live events; each validated like an HTTP body.
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
import { IsBcp47Tag, IsOmittable } from '../../../common/src/index.js';

export const MAX_BODY_LENGTH = 4000;

export class RoomRefDto {
  @IsUUID()
  roomId: string;
}

export class JoinRoomDto extends RoomRefDto {
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  sinceSeq?: number;
}

export class SendMessageDto extends RoomRefDto {
  /** The client's own id for this message: a retry with the same id never creates a second one. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, {
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

export class MessageRefDto extends RoomRefDto {
  @IsUUID()
  messageId: string;
}

export class EditMessageDto extends MessageRefDto {
  @IsString()
  @Length(1, MAX_BODY_LENGTH)
  body: string;
}

export class HideMessageDto extends MessageRefDto {
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class MuteMemberDto extends RoomRefDto {
  @IsUUID()
  practitionerId: string;

  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60)
  minutes: number;

  @IsString()
  @Length(3, 500)
  reason: string;
}

export class MemberModerationDto extends RoomRefDto {
  @IsUUID()
  practitionerId: string;

  @IsString()
  @Length(3, 500)
  reason: string;
}

export class RenewAuthDto {
  @IsString()
  @MaxLength(4000)
  token: string;
}

export class HistoryQuery {
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
  @Max(200)
  limit?: number;
}
