import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsOmittable } from '#libs/common';

/** A theme's label in the web client's other languages; each is optional. */
export class ThemeTranslationsDto {
  @ApiPropertyOptional({ example: 'Haine en ligne' })
  @IsOmittable()
  @IsString()
  @Length(2, 120)
  fr?: string;

  @ApiPropertyOptional({ example: 'Online haat' })
  @IsOmittable()
  @IsString()
  @Length(2, 120)
  nl?: string;

  @ApiPropertyOptional({ example: 'Hass im Netz' })
  @IsOmittable()
  @IsString()
  @Length(2, 120)
  de?: string;
}

export class CreateThemeDto {
  @ApiProperty({ example: 'Online hate', description: 'The English label' })
  @IsString()
  @Length(2, 120)
  label: string;

  @ApiPropertyOptional({
    example: 'online-hate',
    description: 'Derived from the label when left out.',
  })
  @IsOmittable()
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: 'slug must be lowercase words joined by hyphens',
  })
  @Length(2, 64)
  slug?: string;

  @ApiPropertyOptional({ type: ThemeTranslationsDto })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => ThemeTranslationsDto)
  translations?: ThemeTranslationsDto;
}
