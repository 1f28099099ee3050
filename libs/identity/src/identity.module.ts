import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CitiesModule } from '#libs/cities';
import { MailModule } from '#libs/mail';
import { Practitioner, PractitionersModule } from '#libs/practitioners';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { ActorResolver } from './actor-resolver.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { DeviceCookies } from './device-cookie.js';
import { Invitation } from './entities/invitation.entity.js';
import { PasswordReset } from './entities/password-reset.entity.js';
import { RefreshToken } from './entities/refresh-token.entity.js';
import { InvitationsController } from './invitations.controller.js';
import { InvitationsService } from './invitations.service.js';
import { MeController } from './me.controller.js';
import { PasswordResetsService } from './password-resets.service.js';
import { SignInSessions } from './sign-in-sessions.service.js';
import { SignInThrottle } from './sign-in-throttle.service.js';
import { JWT_SECRET, TokenService } from './token.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Invitation, RefreshToken, PasswordReset, Practitioner]),
    MailModule,
    PractitionersModule,
    CitiesModule,
  ],
  controllers: [AuthController, InvitationsController, MeController, AccountsController],
  providers: [
    TokenService,
    ActorResolver,
    SignInSessions,
    SignInThrottle,
    AuthService,
    DeviceCookies,
    PasswordResetsService,
    InvitationsService,
    AccountsService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [ActorResolver, TokenService, AuthService, InvitationsService, AccountsService],
})
export class IdentityModule {
  /** `jwtSecret` signs access tokens; every API node of one deployment must share it. */
  static forRoot(jwtSecret: string): DynamicModule {
    // Global: every module that authenticates (HTTP guard, live handshake) shares these providers.
    return {
      module: IdentityModule,
      global: true,
      providers: [{ provide: JWT_SECRET, useValue: jwtSecret }],
    };
  }
}
