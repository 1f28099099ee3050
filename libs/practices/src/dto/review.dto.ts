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
  Min,
  ValidateNested,
} from 'class-validator';
import {
  COMPENDIUM_AUDIENCES,
  COMPENDIUM_FORMATS,
  type CompendiumAudience,
  type CompendiumFormat,
  EVIDENCE_LEVELS,
  type EvidenceLevel,
  PRACTICE_FIELDS,
  PRACTICE_LIMITS,
  PRACTICE_VISIBILITIES,
  type PracticeField,
  type PracticeVisibility,
  REGIONS,
  type Region,
  SEARCH_LANGUAGES,
  type SearchLanguage,
  TARGET_GROUPS,
  type TargetGroup,
} from '#libs/contracts';
import { IsOmittable } from '#libs/common';
import { LANGUAGE_CODE } from './practice.dto.js';

export class ReviewerDto {
  @ApiProperty({ description: 'A researcher, coordinator or admin' })
  @IsUUID()
  practitionerId: string;
}

export class CommentDto {
  @ApiProperty({ enum: PRACTICE_FIELDS })
  @IsIn(PRACTICE_FIELDS)
  field: PracticeField;

  @ApiPropertyOptional({ description: 'For a text: its language' })
  @IsOmittable()
  @Matches(LANGUAGE_CODE)
  language?: string;

  @ApiProperty()
  @IsString()
  @Length(1, PRACTICE_LIMITS.commentMax)
  body: string;
}

export class RequestChangesDto {
  @ApiProperty({ description: 'What the author should change' })
  @IsString()
  @Length(1, PRACTICE_LIMITS.commentMax)
  comment: string;
}

export class ApproveDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(1, PRACTICE_LIMITS.commentMax)
  comment?: string;
}

export class PublishDto {
  @ApiPropertyOptional({
    enum: PRACTICE_VISIBILITIES,
    description: 'Publish under this visibility (default: the one the author chose)',
  })
  @IsOmittable()
  @IsIn(PRACTICE_VISIBILITIES)
  visibility?: PracticeVisibility;
}

/** Hide or restore: why, for the audit log and the author. */
export class ModerationReasonDto {
  @ApiProperty({ description: 'Why, for the audit log and the author' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class ArchiveDto {
  @ApiProperty()
  @IsString()
  @Length(1, 500)
  reason: string;
}

/** The filters of the library's search (also a compendium's selection). */
export class PracticeFiltersDto {
  @ApiPropertyOptional({ description: 'Words to search for, in any of the four languages' })
  @IsOmittable()
  @IsString()
  @Length(1, PRACTICE_LIMITS.searchQueryMax)
  q?: string;

  @ApiPropertyOptional({ description: 'Theme slug' })
  @IsOmittable()
  @IsString()
  @Length(1, 64)
  theme?: string;

  @ApiPropertyOptional({ enum: TARGET_GROUPS })
  @IsOmittable()
  @IsIn(TARGET_GROUPS)
  targetGroup?: TargetGroup;

  @ApiPropertyOptional({ enum: REGIONS })
  @IsOmittable()
  @IsIn(REGIONS)
  region?: Region;

  @ApiPropertyOptional({ description: 'ISO 3166 country code', example: 'NL' })
  @IsOmittable()
  @Matches(/^[A-Z]{2}$/)
  country?: string;

  @ApiPropertyOptional({ description: 'City id' })
  @IsOmittable()
  @IsUUID()
  city?: string;

  @ApiPropertyOptional({ enum: EVIDENCE_LEVELS })
  @IsOmittable()
  @IsIn(EVIDENCE_LEVELS)
  evidence?: EvidenceLevel;

  @ApiPropertyOptional({ description: 'Entries that exist in this language', example: 'fr' })
  @IsOmittable()
  @Matches(LANGUAGE_CODE)
  language?: string;
}

export class SearchPracticesQuery extends PracticeFiltersDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ default: 20, maximum: PRACTICE_LIMITS.searchPageMax })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PRACTICE_LIMITS.searchPageMax)
  limit?: number;

  @ApiPropertyOptional({ description: 'The reader’s language, for titles, summaries and snippets' })
  @IsOmittable()
  @Matches(LANGUAGE_CODE)
  lang?: string;
}

export class CompendiumDto {
  @ApiPropertyOptional({ description: 'Entries chosen by hand (published ones)' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(PRACTICE_LIMITS.compendiumMax)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids?: string[];

  @ApiPropertyOptional({ type: PracticeFiltersDto, description: 'Or: every entry matching these' })
  @IsOmittable()
  @ValidateNested()
  @Type(() => PracticeFiltersDto)
  filter?: PracticeFiltersDto;

  @ApiProperty({ enum: SEARCH_LANGUAGES })
  @IsIn(SEARCH_LANGUAGES)
  language: SearchLanguage;

  @ApiProperty({ enum: COMPENDIUM_FORMATS })
  @IsIn(COMPENDIUM_FORMATS)
  format: CompendiumFormat;

  @ApiPropertyOptional({ enum: COMPENDIUM_AUDIENCES, default: 'network' })
  @IsOmittable()
  @IsIn(COMPENDIUM_AUDIENCES)
  audience?: CompendiumAudience;

  @ApiPropertyOptional({ description: 'The cover’s title' })
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  title?: string;
}

export class ListMineQuery {
  @ApiPropertyOptional({ default: 50, maximum: 100 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
