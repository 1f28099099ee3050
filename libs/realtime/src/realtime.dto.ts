import { IsString, Length } from 'class-validator';
import { type RenewAuthRequest, TOKEN_MAX_LENGTH } from '#libs/contracts';

export class RenewAuthDto implements RenewAuthRequest {
  @IsString()
  @Length(1, TOKEN_MAX_LENGTH)
  token: string;
}
