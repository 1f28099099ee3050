import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsIn, IsOptional } from 'class-validator';
import {
  NOTIFICATION_KINDS,
  type NotificationKind,
  type NotificationListQuery,
  type UpdatePreferencesRequest,
} from '#libs/contracts';
import { IsOmittable, PageQuery } from '#libs/common';

export class ListNotificationsQuery extends PageQuery implements NotificationListQuery {
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
