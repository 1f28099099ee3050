import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SESSION_KINDS, type SessionKind } from '#libs/contracts';
import { IsOmittable, IsIanaTimeZone } from '#libs/common';

export class VenueDto {
  @ApiProperty({ example: 'Stadhuis, Coolsingel 40' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  cityId?: string;
}

export class ScheduleSessionDto {
  @ApiProperty({ enum: SESSION_KINDS })
  @IsIn(SESSION_KINDS)
  kind: SessionKind;

  @ApiProperty({ example: 'Roundtable: online hate after an attack' })
  @IsString()
  @Length(3, 200)
  title: string;

  @ApiPropertyOptional({ description: 'Markdown' })
  @IsOmittable()
  @IsString()
  @MaxLength(20000)
  agenda?: string;

  @ApiProperty({ example: '2026-03-16T15:00:00Z', description: 'UTC, ISO 8601' })
  @IsDateString({ strict: true })
  startsAt: string;

  @ApiProperty({ example: '2026-03-16T16:00:00Z', description: 'UTC, ISO 8601' })
  @IsDateString({ strict: true })
  endsAt: string;

  @ApiProperty({ example: 'Europe/Amsterdam', description: "The host's IANA time zone" })
  @IsIanaTimeZone()
  hostTimeZone: string;

  @ApiPropertyOptional({ default: true })
  @IsOmittable()
  @IsBoolean()
  online?: boolean;

  @ApiPropertyOptional({ type: VenueDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => VenueDto)
  venue?: VenueDto | null;
}

export class UpdateSessionDto {
  @ApiPropertyOptional({ enum: SESSION_KINDS })
  @IsOmittable()
  @IsIn(SESSION_KINDS)
  kind?: SessionKind;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(3, 200)
  title?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(20000)
  agenda?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsDateString({ strict: true })
  startsAt?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsDateString({ strict: true })
  endsAt?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsIanaTimeZone()
  hostTimeZone?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  online?: boolean;

  @ApiPropertyOptional({ type: VenueDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => VenueDto)
  venue?: VenueDto | null;
}

export class CancelSessionDto {
  @ApiPropertyOptional({ description: 'Told to the members' })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ListSessionsQuery {
  @ApiPropertyOptional({ description: 'Only sessions ending after this instant (ISO 8601)' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Only sessions starting before this instant (ISO 8601)' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

export class TimeSuggestionsQuery {
  @ApiProperty({ example: 60, minimum: 15, maximum: 480 })
  @Type(() => Number)
  @IsInt()
  @Min(15)
  @Max(480)
  durationMinutes: number;

  @ApiProperty({ example: '2026-03-16T00:00:00Z' })
  @IsDateString({ strict: true })
  from: string;

  @ApiProperty({ example: '2026-03-21T00:00:00Z' })
  @IsDateString({ strict: true })
  to: string;

  @ApiPropertyOptional({ default: 10, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}
