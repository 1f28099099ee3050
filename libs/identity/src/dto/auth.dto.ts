import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

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
