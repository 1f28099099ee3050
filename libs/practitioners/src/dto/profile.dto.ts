import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { POSITIONS, type Position } from '#libs/contracts';
import { IsOmittable, IsBcp47Tag, IsIanaTimeZone, IsVisibleName } from '#libs/common';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class WorkingHoursDto {
  @ApiProperty({ example: [1, 2, 3, 4, 5], description: 'ISO weekdays, 1 = Monday' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  days: number[];

  @ApiProperty({ example: '09:00' })
  @Matches(HH_MM, { message: 'start must be a time of day as HH:MM' })
  start: string;

  @ApiProperty({ example: '17:00' })
  @Matches(HH_MM, { message: 'end must be a time of day as HH:MM' })
  end: string;
}

/** The fields a person sets about themselves, when accepting an invitation or later. */
export class ProfileDto {
  @ApiPropertyOptional({ example: 'Amira Haddad' })
  @IsOmittable()
  @IsString()
  @Length(1, 120)
  @IsVisibleName()
  displayName?: string;

  @ApiPropertyOptional({ enum: POSITIONS })
  @IsOmittable()
  @IsIn(POSITIONS)
  position?: Position;

  @ApiPropertyOptional({ description: 'The city the person works for, if any' })
  @IsOptional()
  @IsUUID()
  cityId?: string | null;

  @ApiPropertyOptional({ example: 'Strong Cities Network' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsVisibleName()
  organisation?: string | null;

  @ApiPropertyOptional({ example: ['en', 'fr'] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsBcp47Tag({ each: true })
  languages?: string[];

  @ApiPropertyOptional({ example: 'Europe/Paris' })
  @IsOmittable()
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ type: WorkingHoursDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => WorkingHoursDto)
  workingHours?: WorkingHoursDto | null;

  @ApiPropertyOptional({ example: ['online-hate'], description: 'Theme slugs' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  themes?: string[];

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(4000)
  bio?: string;
}
