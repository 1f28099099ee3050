import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Inject,
  Patch,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { MeUpdated, MeView } from '#libs/contracts';
import { Access, type Actor, CurrentActor } from '#libs/common';
import { AppConfig, APP_CONFIG } from '#libs/config';
import { PractitionersService, presentMe, ProfileDto } from '#libs/practitioners';
import { AccountsService } from './accounts.service.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto, ConfirmPasswordDto } from './dto/auth.dto.js';
import {
  clearRefreshCookie,
  readRefreshCookie,
  secureCookies,
  setRefreshCookie,
} from './refresh-cookie.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly practitioners: PractitionersService,
    private readonly accounts: AccountsService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Access('member')
  async get(@CurrentActor() actor: Actor): Promise<MeView> {
    return presentMe(await this.practitioners.getById(actor.id));
  }

  @Patch()
  @Access('member')
  async update(@CurrentActor() actor: Actor, @Body() body: ProfileDto): Promise<MeUpdated> {
    const { practitioner, warnings } = await this.practitioners.updateProfile(actor.id, body);
    return { ...presentMe(practitioner), warnings };
  }

  @Post('password')
  @HttpCode(200)
  @Access('member')
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ accessToken: string }> {
    const { accessToken, refresh } = await this.auth.changePassword(
      actor,
      body.currentPassword,
      body.newPassword,
      readRefreshCookie(req),
    );
    if (refresh) setRefreshCookie(res, refresh, secureCookies(this.config));
    return { accessToken };
  }

  @Get('export')
  @Access('member')
  @Header('Content-Disposition', 'attachment; filename="crossings-my-data.json"')
  async export(@CurrentActor() actor: Actor): Promise<Record<string, unknown>> {
    return this.accounts.export(actor);
  }

  /** Erases the account for good; the current password confirms it. */
  @Delete()
  @HttpCode(204)
  @Access('member')
  async erase(
    @CurrentActor() actor: Actor,
    @Body() body: ConfirmPasswordDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.confirmPassword(actor, body.password);
    await this.accounts.erase(actor);
    clearRefreshCookie(res, secureCookies(this.config));
  }
}
