import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { IsOmittable } from '../../../common/src/index.js';

export class CreateThemeDto {
  @ApiProperty({ example: 'Online hate' })
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
}
