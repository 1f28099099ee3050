import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import {
  type AddMemberRequest,
  type ApproveJoinRequest,
  type ChangeRoleRequest,
  type CreateExchangeRequest,
  type ExchangeListQuery,
  type JoinExchangeRequest,
  type JoinRequestListQuery,
  type RemoveMemberRequest,
  type UpdateExchangeRequest,
  ATTRIBUTION_RULES,
  type AttributionRule,
  EXCHANGE_ROLES,
  EXCHANGE_STATUSES,
  type ExchangeRole,
  type ExchangeStatus,
} from '#libs/contracts';
import { IsOmittable, PageQuery } from '#libs/common';

export class CreateExchangeDto implements CreateExchangeRequest {
  @ApiProperty({ example: 'Online hate: from detection to local response' })
  @IsString()
  @Length(3, 200)
  title: string;

  @ApiPropertyOptional({ description: 'Markdown' })
  @IsOmittable()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ example: ['online-hate'] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  themes?: string[];

  @ApiPropertyOptional({ enum: EXCHANGE_STATUSES, default: 'planned' })
  @IsOmittable()
  @IsIn(EXCHANGE_STATUSES)
  status?: ExchangeStatus;

  @ApiProperty({ description: 'Participating cities' })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  cityIds: string[];

  @ApiProperty({ enum: ATTRIBUTION_RULES })
  @IsIn(ATTRIBUTION_RULES)
  attribution: AttributionRule;
}

/** Every field may be left out, none cleared with null. */
export class UpdateExchangeDto implements UpdateExchangeRequest {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(3, 200)
  title?: string;

  @ApiPropertyOptional({ description: 'Markdown' })
  @IsOmittable()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ example: ['online-hate'] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  themes?: string[];

  @ApiPropertyOptional({ enum: EXCHANGE_STATUSES })
  @IsOmittable()
  @IsIn(EXCHANGE_STATUSES)
  status?: ExchangeStatus;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  cityIds?: string[];

  @ApiPropertyOptional({ enum: ATTRIBUTION_RULES })
  @IsOmittable()
  @IsIn(ATTRIBUTION_RULES)
  attribution?: AttributionRule;
}

export class ListExchangesQuery extends PageQuery implements ExchangeListQuery {
  @ApiPropertyOptional({ description: 'Theme slug' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  theme?: string;

  @ApiPropertyOptional({ enum: EXCHANGE_STATUSES })
  @IsOmittable()
  @IsIn(EXCHANGE_STATUSES)
  status?: ExchangeStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  cityId?: string;

  @ApiPropertyOptional({ description: 'Only exchanges I am a member of' })
  @IsOptional()
  @IsIn(['true', 'false'])
  mine?: 'true' | 'false';
}

export class AddMemberDto implements AddMemberRequest {
  @ApiProperty()
  @IsUUID()
  practitionerId: string;

  @ApiProperty({ enum: EXCHANGE_ROLES })
  @IsIn(EXCHANGE_ROLES)
  role: ExchangeRole;
}

export class RemoveMemberDto implements RemoveMemberRequest {
  @ApiPropertyOptional({ description: 'Why (required to remove someone else; not to leave)' })
  @IsOmittable()
  @IsString()
  @Length(3, 500)
  reason?: string;
}

export class ChangeRoleDto implements ChangeRoleRequest {
  @ApiProperty({ enum: EXCHANGE_ROLES })
  @IsIn(EXCHANGE_ROLES)
  role: ExchangeRole;
}

export class CreateJoinRequestDto implements JoinExchangeRequest {
  @ApiPropertyOptional({ description: 'Why you would like to join' })
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  message?: string;
}

export class ApproveJoinRequestDto implements ApproveJoinRequest {
  @ApiPropertyOptional({ enum: ['participant', 'observer'], default: 'participant' })
  @IsOmittable()
  @IsIn(['participant', 'observer'])
  role?: 'participant' | 'observer';
}

export class ListJoinRequestsQuery implements JoinRequestListQuery {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'declined'], default: 'pending' })
  @IsOmittable()
  @IsIn(['pending', 'approved', 'declined'])
  status?: 'pending' | 'approved' | 'declined';
}
