import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import {
  MAIL_LANGUAGES,
  type MailLanguage,
  NETWORK_ROLES,
  type NetworkRole,
} from '#libs/contracts';
import { IsIanaTimeZone, IsVisibleName } from '#libs/common';
import { ProfileDto } from '#libs/practitioners';

export class CreateInvitationDto {
  @ApiProperty({ example: 'new.person@city.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: NETWORK_ROLES })
  @IsIn(NETWORK_ROLES)
  networkRole: NetworkRole;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  cityId?: string;

  @ApiPropertyOptional({
    enum: MAIL_LANGUAGES,
    description: "The invitation mail's language (default: the city's, else English)",
  })
  @IsOptional()
  @IsIn(MAIL_LANGUAGES)
  language?: MailLanguage;
}

export class InvitationTokenDto {
  @ApiProperty()
  @IsString()
  @Length(20, 100)
  token: string;
}

export class AcceptInvitationDto extends OmitType(ProfileDto, [
  'displayName',
  'timeZone',
] as const) {
  @ApiProperty()
  @IsString()
  @Length(20, 100)
  token: string;

  @ApiProperty({ example: 'Amira Haddad' })
  @IsString()
  @Length(1, 120)
  @IsVisibleName()
  displayName: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @Length(10, 200, { message: 'password must be between 10 and 200 characters' })
  password: string;

  @ApiProperty({ example: 'Europe/Paris' })
  @IsIanaTimeZone()
  timeZone: string;
}
