import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { InvitationAccepted, InvitationPreview, InvitationView } from '#libs/contracts';
import { Access, type Actor, CurrentActor, PublicBaseUrl } from '#libs/common';
import {
  AcceptInvitationDto,
  CreateInvitationDto,
  InvitationTokenDto,
} from './dto/invitation.dto.js';
import { presentInvitation } from './invitation.presenter.js';
import { InvitationsService } from './invitations.service.js';
import { presentMe } from '#libs/practitioners';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  @ApiBearerAuth()
  @Access('coordinator')
  async create(
    @Body() body: CreateInvitationDto,
    @CurrentActor() actor: Actor,
    @PublicBaseUrl() baseUrl: string,
  ): Promise<InvitationView> {
    const { invitation, token } = await this.invitations.create(actor, body, baseUrl);
    return {
      ...presentInvitation(invitation),
      inviteUrl: this.invitations.inviteUrl(token, baseUrl),
    };
  }

  @Get()
  @ApiBearerAuth()
  @Access('coordinator')
  async listOpen(): Promise<InvitationView[]> {
    return (await this.invitations.listOpen()).map(presentInvitation);
  }

  @Post('preview')
  @HttpCode(200)
  @Access('public')
  async preview(@Body() body: InvitationTokenDto): Promise<InvitationPreview> {
    const { invitation, invitedBy } = await this.invitations.preview(body.token);
    const view = presentInvitation(invitation);
    return {
      email: view.email,
      networkRole: view.networkRole,
      city: view.city,
      invitedBy,
      expiresAt: view.expiresAt,
    };
  }

  /** Creates the account; the new member then signs in with their email and password. */
  @Post('accept')
  @Access('public')
  async accept(@Body() body: AcceptInvitationDto): Promise<InvitationAccepted> {
    const { practitioner, warnings } = await this.invitations.accept(body);
    return { me: presentMe(practitioner), warnings };
  }
}
