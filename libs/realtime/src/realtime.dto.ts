import { IsString, MaxLength } from 'class-validator';

export class RenewAuthDto {
  @IsString()
  @MaxLength(4000)
  token: string;
}
