import { Body, Controller, HttpCode, Inject, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { SignInResponse } from '#libs/contracts';
import { Access, VerifiedBaseUrl } from '#libs/common';
import { AppConfig, APP_CONFIG } from '#libs/config';
import { presentMe } from '#libs/practitioners';
import { AuthService, type SignedIn } from './auth.service.js';
import { DeviceCookies } from './device-cookie.js';
import { ForgotPasswordDto, ResetPasswordDto, SignInDto } from './dto/auth.dto.js';
import { PasswordResetsService } from './password-resets.service.js';
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
    private readonly resets: PasswordResetsService,
    private readonly devices: DeviceCookies,
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
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignInResponse> {
    const device = this.devices.recognise(req, body.email);
    const signedIn = await this.auth.signIn(body.email, body.password, ip ?? 'unknown', device);
    this.devices.remember(req, res, body.email, this.secureCookies);
    return this.respond(signedIn, res);
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

  /** Always 202 with no body, whether or not the address has an account. */
  @Post('forgot-password')
  @HttpCode(202)
  @Access('public')
  async forgotPassword(
    @Body() body: ForgotPasswordDto,
    @Ip() ip: string,
    @VerifiedBaseUrl() baseUrl: string,
  ): Promise<void> {
    await this.resets.request(body.email, body.language, ip ?? 'unknown', baseUrl);
  }

  /** Sets the new password; the person then signs in with it (this browser becomes known). */
  @Post('reset-password')
  @HttpCode(204)
  @Access('public')
  async resetPassword(
    @Body() body: ResetPasswordDto,
    @Ip() ip: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const account = await this.resets.reset(body.token, body.password, ip ?? 'unknown');
    if (account.email) this.devices.remember(req, res, account.email, this.secureCookies);
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
