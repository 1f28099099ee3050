// A quoted person's side: the requests to quote them, and their yes or no.
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { QuoteRequestView } from '#libs/contracts';
import { Access, type Actor, CurrentActor } from '#libs/common';
import { QuoteConsents } from './quote-consents.service.js';

@ApiTags('practices')
@ApiBearerAuth()
@Controller()
export class QuoteConsentsController {
  constructor(private readonly consents: QuoteConsents) {}

  /** Every request to quote me, the ones waiting for my answer first. */
  @Get('me/quote-requests')
  @Access('member')
  async mine(@CurrentActor() actor: Actor): Promise<QuoteRequestView[]> {
    const all = await this.consents.allFor(actor);
    return [
      ...all.filter((r) => r.quote.status === 'pending'),
      ...all.filter((r) => r.quote.status !== 'pending'),
    ];
  }

  @Post('practice-quotes/:id/accept')
  @HttpCode(200)
  @Access('member')
  accept(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<QuoteRequestView> {
    return this.consents.decide(actor, id, true);
  }

  @Post('practice-quotes/:id/decline')
  @HttpCode(200)
  @Access('member')
  decline(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<QuoteRequestView> {
    return this.consents.decide(actor, id, false);
  }
}
