import { IsString, Length } from 'class-validator';
import { type RenewAuthRequest, TOKEN_MAX_LENGTH } from '../../contracts/src/index.js';

export class RenewAuthDto implements RenewAuthRequest {
  @IsString()
  @Length(1, TOKEN_MAX_LENGTH)
  token: string;
}
