import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationListQuery,
  type UpdatePreferencesRequest,
} from '../../../contracts/src/index.js';
import { IsOmittable } from '../../../common/src/index.js';

export class ListNotificationsQuery implements NotificationListQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  cursor?: string;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Only unread ones' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';
}

/** Kinds to switch on or off; kinds left out keep their setting. */
export class UpdatePreferencesDto implements UpdatePreferencesRequest {
  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS, isArray: true })
  @IsOmittable()
  @IsArray()
  @IsIn(NOTIFICATION_KINDS, { each: true })
  enable?: NotificationKind[];

  @ApiPropertyOptional({ enum: NOTIFICATION_KINDS, isArray: true })
  @IsOmittable()
  @IsArray()
  @IsIn(NOTIFICATION_KINDS, { each: true })
  disable?: NotificationKind[];
}
