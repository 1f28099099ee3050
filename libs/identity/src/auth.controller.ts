import { Body, Controller, HttpCode, Inject, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { SignInResponse } from '../../contracts/src/index.js';
import { Access } from '../../common/src/index.js';
import { AppConfig, APP_CONFIG } from '../../persistence/src/index.js';
import { presentMe } from '../../practitioners/src/index.js';
import { AuthService, type SignedIn } from './auth.service.js';
import { SignInDto } from './dto/auth.dto.js';
import {
  clearRefreshCookie,
  readRefreshCookie,
  secureCookies,
  setRefreshCookie,
} from './refresh-cookie.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get secureCookies(): boolean {
    return secureCookies(this.config);
  }

  @Post('sign-in')
  @HttpCode(200)
  @Access('public')
  async signIn(
    @Body() body: SignInDto,
    @Ip() ip: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignInResponse> {
    return this.respond(await this.auth.signIn(body.email, body.password, ip ?? 'unknown'), res);
  }

  @Post('refresh')
  @HttpCode(200)
  @Access('public')
  async refresh(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignInResponse> {
    try {
      return this.respond(await this.auth.refresh(readRefreshCookie(req)), res);
    } catch (error) {
      clearRefreshCookie(res, this.secureCookies);
      throw error;
    }
  }

  @Post('sign-out')
  @HttpCode(204)
  @Access('public')
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.signOut(readRefreshCookie(req));
    clearRefreshCookie(res, this.secureCookies);
  }

  private respond(signedIn: SignedIn, res: Response): SignInResponse {
    setRefreshCookie(res, signedIn.refresh, this.secureCookies);
    return {
      accessToken: signedIn.accessToken,
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      me: presentMe(signedIn.practitioner),
    };
  }
}
