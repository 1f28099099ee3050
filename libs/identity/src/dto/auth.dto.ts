import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { MAIL_LANGUAGES, type MailLanguage } from '#libs/contracts';

export class SignInDto {
  @ApiProperty({ example: 'coordinator@crossings.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 200)
  currentPassword: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @Length(10, 200, { message: 'newPassword must be between 10 and 200 characters' })
  newPassword: string;
}

export class ConfirmPasswordDto {
  @ApiProperty({ description: 'The current password, to confirm an irreversible action' })
  @IsString()
  @Length(1, 200)
  password: string;
}

export class ForgotPasswordDto {
  @ApiProperty({ example: 'coordinator@crossings.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({
    enum: MAIL_LANGUAGES,
    description: 'The language of the page that asks; the mail is written in it',
  })
  @IsOptional()
  @IsIn(MAIL_LANGUAGES)
  language?: MailLanguage;
}

export class ResetPasswordDto {
  @ApiProperty({ description: 'The token at the end of the link in the mail' })
  @IsString()
  @Length(20, 100)
  token: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @Length(10, 200, { message: 'password must be between 10 and 200 characters' })
  password: string;
}
