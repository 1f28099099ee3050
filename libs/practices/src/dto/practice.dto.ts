import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  EVIDENCE_LEVELS,
  type EvidenceLevel,
  MAX_ATTACHMENTS,
  PRACTICE_LIMITS,
  PRACTICE_SCALES,
  PRACTICE_VISIBILITIES,
  type PracticeScale,
  type PracticeVisibility,
  TARGET_GROUPS,
  type TargetGroup,
} from '#libs/contracts';
import { IsOmittable, ValidationFailedError } from '#libs/common';

/** An ISO 639-1 language code, lower case. */
export const LANGUAGE_CODE = /^[a-z]{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const LONG = PRACTICE_LIMITS.longTextMax;

/** May be left out or set to null (to clear it); anything else is validated. */
const IsNullable = () =>
  ValidateIf((_o: object, value: unknown) => value !== undefined && value !== null);

/** The texts of one language. Left-out fields keep their value; drafts may be incomplete. */
export class PracticeTextsDto {
  @ApiProperty({ example: 'en', description: 'ISO 639-1 code' })
  @Matches(LANGUAGE_CODE, { message: 'language must be a two-letter ISO 639-1 code such as en' })
  language: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(PRACTICE_LIMITS.titleMax)
  title?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(PRACTICE_LIMITS.summaryMax)
  summary?: string;

  @ApiPropertyOptional({ description: 'Markdown: the local challenge' })
  @IsOmittable()
  @IsString()
  @MaxLength(LONG)
  challenge?: string;

  @ApiPropertyOptional({ description: 'Markdown: what was done, by whom, with which partners' })
  @IsOmittable()
  @IsString()
  @MaxLength(LONG)
  approach?: string;

  @ApiPropertyOptional({ description: 'Markdown' })
  @IsOmittable()
  @IsString()
  @MaxLength(LONG)
  resources?: string;

  @ApiPropertyOptional({ description: 'Markdown' })
  @IsOmittable()
  @IsString()
  @MaxLength(LONG)
  outcomes?: string;

  @ApiPropertyOptional({ description: 'Markdown: how it was evaluated' })
  @IsOmittable()
  @IsString()
  @MaxLength(LONG)
  evaluation?: string;

  @ApiPropertyOptional({ description: 'Markdown: what worked' })
  @IsOmittable()
  @IsString()
  @MaxLength(LONG)
  lessonsWorked?: string;

  @ApiPropertyOptional({ description: 'Markdown: what did not' })
  @IsOmittable()
  @IsString()
  @MaxLength(LONG)
  lessonsDidNot?: string;

  @ApiPropertyOptional({ description: 'Markdown: what another city needs to adopt it' })
  @IsOmittable()
  @IsString()
  @MaxLength(LONG)
  transferability?: string;
}

export class PracticeContactDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  organisation?: string;

  @ApiPropertyOptional({ description: 'An email address, or empty' })
  @IsOmittable()
  @ValidateIf((_o: object, value: unknown) => value !== '')
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

/** The fields of an entry: every one may be left out (autosave sends what changed). */
export class PracticeFieldsDto {
  @ApiPropertyOptional({ type: [PracticeTextsDto], description: 'Texts per language (upserted)' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => PracticeTextsDto)
  texts?: PracticeTextsDto[];

  @ApiPropertyOptional({ description: 'Translations to remove (never the original language)' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(8)
  @Matches(LANGUAGE_CODE, { each: true })
  removeLanguages?: string[];

  @ApiPropertyOptional({ enum: TARGET_GROUPS, isArray: true })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(TARGET_GROUPS.length)
  @ArrayUnique()
  @IsIn(TARGET_GROUPS, { each: true })
  targetGroups?: TargetGroup[];

  @ApiPropertyOptional({ example: ['online-hate'] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(PRACTICE_LIMITS.themesMax)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  themes?: string[];

  @ApiPropertyOptional()
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(PRACTICE_LIMITS.citiesMax)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  cityIds?: string[];

  @ApiPropertyOptional({ enum: PRACTICE_SCALES, nullable: true })
  @IsNullable()
  @IsIn(PRACTICE_SCALES)
  scale?: PracticeScale | null;

  @ApiPropertyOptional({ example: '2019-03', nullable: true })
  @IsNullable()
  @Matches(MONTH, { message: 'periodStart must be a month as YYYY-MM' })
  periodStart?: string | null;

  @ApiPropertyOptional({ example: '2023-12', nullable: true, description: 'null: ongoing' })
  @IsNullable()
  @Matches(MONTH, { message: 'periodEnd must be a month as YYYY-MM' })
  periodEnd?: string | null;

  @ApiPropertyOptional({ enum: EVIDENCE_LEVELS, nullable: true })
  @IsNullable()
  @IsIn(EVIDENCE_LEVELS)
  evidenceLevel?: EvidenceLevel | null;

  @ApiPropertyOptional({ nullable: true, description: 'A link to the evaluation' })
  @IsNullable()
  @ValidateIf((_o: object, value: unknown) => value !== '')
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  evaluationUrl?: string | null;

  @ApiPropertyOptional({ type: PracticeContactDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => PracticeContactDto)
  contact?: PracticeContactDto;

  @ApiPropertyOptional({ enum: PRACTICE_VISIBILITIES })
  @IsOmittable()
  @IsIn(PRACTICE_VISIBILITIES)
  visibility?: PracticeVisibility;

  @ApiPropertyOptional({ nullable: true, description: 'The exchange it comes from' })
  @IsNullable()
  @IsUUID()
  exchangeId?: string | null;
}

export class CreatePracticeDto extends PracticeFieldsDto {
  @ApiProperty({ example: 'en' })
  @Matches(LANGUAGE_CODE, { message: 'originalLanguage must be a two-letter ISO 639-1 code' })
  originalLanguage: string;
}

export class UpdatePracticeDto extends PracticeFieldsDto {
  @ApiPropertyOptional({ example: 'en' })
  @IsOmittable()
  @Matches(LANGUAGE_CODE, { message: 'originalLanguage must be a two-letter ISO 639-1 code' })
  originalLanguage?: string;

  @ApiPropertyOptional({
    description:
      'The revision this edit was made on: if someone else changed the entry since, 409 (a repeat of the same edit is accepted).',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  baseRevision?: number;
}

export class SourceRefDto {
  @ApiProperty({ enum: ['exchange', 'session', 'thread', 'post', 'message'] })
  @IsIn(['exchange', 'session', 'thread', 'post', 'message'])
  kind: 'exchange' | 'session' | 'thread' | 'post' | 'message';

  @ApiProperty()
  @IsUUID()
  id: string;
}

export class QuoteDto extends SourceRefDto {
  @ApiProperty({ description: 'The words quoted: part of the source, as written' })
  @IsString()
  @Length(1, PRACTICE_LIMITS.quoteMax)
  text: string;
}

export class ReadPracticeQuery {
  @ApiPropertyOptional({
    description: 'The reader’s language; the original is shown where it has none',
  })
  @IsOmittable()
  @Matches(LANGUAGE_CODE)
  lang?: string;
}

/** A version number from the path: 1, 2, 3… */
export function versionNumber(value: string): number {
  if (!/^[1-9]\d{0,6}$/.test(value))
    throw new ValidationFailedError('version: a version number such as 1, 2 or 3');
  return Number(value);
}

export class DiffQuery {
  @ApiPropertyOptional({
    description: 'A version number, or "working"; default: the one before `to`',
  })
  @IsOmittable()
  @Matches(/^(\d{1,7}|working)$/)
  from?: string;

  @ApiPropertyOptional({
    description: 'A version number, or "working"; default: the current version',
  })
  @IsOmittable()
  @Matches(/^(\d{1,7}|working)$/)
  to?: string;
}

/** Documents to attach: files the caller uploaded with POST /api/files. */
export class AttachDocumentsDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    maxItems: MAX_ATTACHMENTS,
    description: 'Ids of files uploaded with POST /api/files (the caller’s own, unattached)',
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_ATTACHMENTS)
  @IsUUID('all', { each: true })
  fileIds: string[];
}
