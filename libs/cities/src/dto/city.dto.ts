import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Matches,
  Min,
  registerDecorator,
} from 'class-validator';
import { REGIONS, type Region } from '#libs/contracts';
import { IsOmittable, IsBcp47Tag, IsIanaTimeZone, IsVisibleName, PageQuery } from '#libs/common';
import { isCountryCode } from '../region.js';

const IsCountryCode = () => (object: object, propertyName: string) =>
  registerDecorator({
    name: 'isCountryCode',
    target: object.constructor,
    propertyName,
    options: { message: '$property must be an ISO 3166-1 alpha-2 country code such as NL or US' },
    validator: { validate: isCountryCode },
  });

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.toUpperCase() : value;

export class CreateCityDto {
  @ApiProperty({ example: 'Rotterdam' })
  @IsString()
  @Length(1, 120)
  @IsVisibleName()
  name: string;

  @ApiProperty({ example: 'NL', description: 'ISO 3166-1 alpha-2' })
  @Transform(upper)
  @IsCountryCode()
  countryCode: string;

  @ApiPropertyOptional({
    example: 'US-CO',
    description: 'ISO 3166-2 subdivision (state, province)',
  })
  @IsOmittable()
  @Transform(upper)
  @Matches(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, {
    message: 'subdivision must be an ISO 3166-2 code such as US-CO',
  })
  subdivision?: string | null;

  @ApiProperty({ example: 'Europe/Amsterdam' })
  @IsIanaTimeZone()
  timeZone: string;

  @ApiPropertyOptional({ example: 655000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  population?: number | null;

  @ApiPropertyOptional({ example: ['nl', 'en'], description: 'BCP 47 tags' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsBcp47Tag({ each: true })
  languages?: string[];
}

/** Every field may be left out; the required ones may not be cleared with null. */
export class UpdateCityDto {
  @ApiPropertyOptional({ example: 'Rotterdam' })
  @IsOmittable()
  @IsString()
  @Length(1, 120)
  @IsVisibleName()
  name?: string;

  @ApiPropertyOptional({ example: 'NL' })
  @IsOmittable()
  @Transform(upper)
  @IsCountryCode()
  countryCode?: string;

  @ApiPropertyOptional({ example: 'US-CO' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, {
    message: 'subdivision must be an ISO 3166-2 code such as US-CO',
  })
  subdivision?: string | null;

  @ApiPropertyOptional({ example: 'Europe/Amsterdam' })
  @IsOmittable()
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ example: 655000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  population?: number | null;

  @ApiPropertyOptional({ example: ['nl', 'en'] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsBcp47Tag({ each: true })
  languages?: string[];
}

export class ListCitiesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS)
  region?: Region;

  @ApiPropertyOptional({ example: 'NL' })
  @IsOptional()
  @Transform(upper)
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ description: 'Part of the name' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  q?: string;

  @ApiPropertyOptional({ description: 'Include archived cities' })
  @IsOptional()
  @IsIn(['true', 'false'])
  archived?: 'true' | 'false';
}
