import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { POSITIONS, REGIONS, type Position, type Region } from '#libs/contracts';
import { IsBcp47Tag, PageQuery } from '#libs/common';

export class ListPractitionersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS)
  region?: Region;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  cityId?: string;

  @ApiPropertyOptional({ enum: POSITIONS })
  @IsOptional()
  @IsIn(POSITIONS)
  position?: Position;

  @ApiPropertyOptional({ description: 'Theme slug' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  theme?: string;

  @ApiPropertyOptional({ description: 'BCP 47 tag; "nl" also finds "nl-BE"' })
  @IsOptional()
  @IsBcp47Tag()
  language?: string;

  @ApiPropertyOptional({ description: 'Part of the name' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  q?: string;

  @ApiPropertyOptional({
    enum: ['active', 'suspended'],
    description: 'Coordinators only: suspended',
  })
  @IsOptional()
  @IsIn(['active', 'suspended'])
  status?: 'active' | 'suspended';
}
