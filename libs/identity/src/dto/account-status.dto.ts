import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** Suspending or reinstating an account always says why (it goes into the audit log). */
export class AccountStatusDto {
  @ApiProperty({ description: 'Why (3–500 characters); kept in the audit log' })
  @IsString()
  @Length(3, 500)
  reason: string;
}
