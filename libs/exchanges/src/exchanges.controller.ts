import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  ExchangeMemberView,
  ExchangeSummary,
  ExchangeView,
  JoinRequestView,
  Page,
} from '#libs/contracts';
import { Access, type Actor, CurrentActor } from '#libs/common';
import {
  AddMemberDto,
  ApproveJoinRequestDto,
  ChangeRoleDto,
  RemoveMemberDto,
  CreateExchangeDto,
  CreateJoinRequestDto,
  ListExchangesQuery,
  ListJoinRequestsQuery,
  UpdateExchangeDto,
} from './dto/exchange.dto.js';
import type { Exchange } from './entities/exchange.entity.js';
import {
  presentExchange,
  presentExchangeSummary,
  presentJoinRequest,
  presentMember,
} from './exchange.presenter.js';
import { canInExchange } from './exchanges.policy.js';
import { ExchangesService } from './exchanges.service.js';

@ApiTags('exchanges')
@ApiBearerAuth()
@Controller('exchanges')
export class ExchangesController {
  constructor(private readonly exchanges: ExchangesService) {}

  @Get()
  @Access('member')
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListExchangesQuery,
  ): Promise<Page<ExchangeSummary>> {
    const page = await this.exchanges.list(actor, query);
    const facts = await this.exchanges.factsFor(actor, page.items);
    return {
      items: page.items.map((e) => presentExchangeSummary(e, facts.get(e.id)!)),
      nextCursor: page.nextCursor,
    };
  }

  @Post()
  @Access('coordinator')
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateExchangeDto,
  ): Promise<ExchangeView> {
    return this.present(actor, await this.exchanges.create(actor, body));
  }

  /** Members (and coordinators) get the whole exchange; others its summary, to ask to join. */
  @Get(':id')
  @Access('member')
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ExchangeView | ExchangeSummary> {
    const { exchange, role } = await this.exchanges.open(actor, id);
    if (!canInExchange(actor, 'read-content', role)) {
      const facts = await this.exchanges.factsFor(actor, [exchange]);
      return presentExchangeSummary(exchange, facts.get(exchange.id)!);
    }
    return this.present(actor, exchange);
  }

  @Patch(':id')
  @Access('member')
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateExchangeDto,
  ): Promise<ExchangeView> {
    return this.present(actor, await this.exchanges.update(actor, id, body));
  }

  @Get(':id/members')
  @Access('member')
  async members(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ExchangeMemberView[]> {
    return (await this.exchanges.membersOf(actor, id)).map(presentMember);
  }

  @Post(':id/members')
  @Access('member')
  async addMember(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AddMemberDto,
  ): Promise<ExchangeMemberView> {
    return presentMember(await this.exchanges.addMember(actor, id, body));
  }

  @Patch(':id/members/:practitionerId')
  @Access('member')
  async changeRole(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('practitionerId', ParseUUIDPipe) practitionerId: string,
    @Body() body: ChangeRoleDto,
  ): Promise<ExchangeMemberView> {
    return presentMember(await this.exchanges.changeRole(actor, id, practitionerId, body.role));
  }

  @Delete(':id/members/:practitionerId')
  @HttpCode(204)
  @Access('member')
  async removeMember(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('practitionerId', ParseUUIDPipe) practitionerId: string,
    @Body() body: RemoveMemberDto,
  ): Promise<void> {
    await this.exchanges.removeMember(actor, id, practitionerId, body.reason);
  }

  @Post(':id/join-requests')
  @Access('member')
  async requestToJoin(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateJoinRequestDto,
  ): Promise<JoinRequestView> {
    return presentJoinRequest(await this.exchanges.requestToJoin(actor, id, body.message ?? ''));
  }

  @Get(':id/join-requests')
  @Access('member')
  async joinRequests(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ListJoinRequestsQuery,
  ): Promise<JoinRequestView[]> {
    return (await this.exchanges.joinRequestsOf(actor, id, query.status ?? 'pending')).map(
      presentJoinRequest,
    );
  }

  @Post(':id/join-requests/:requestId/approve')
  @HttpCode(200)
  @Access('member')
  async approve(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('requestId', ParseUUIDPipe) requestId: string,
    @Body() body: ApproveJoinRequestDto,
  ): Promise<JoinRequestView> {
    return presentJoinRequest(await this.exchanges.decide(actor, id, requestId, true, body.role));
  }

  @Post(':id/join-requests/:requestId/decline')
  @HttpCode(200)
  @Access('member')
  async decline(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('requestId', ParseUUIDPipe) requestId: string,
  ): Promise<JoinRequestView> {
    return presentJoinRequest(await this.exchanges.decide(actor, id, requestId, false));
  }

  private async present(actor: Actor, exchange: Exchange): Promise<ExchangeView> {
    const facts = (await this.exchanges.factsFor(actor, [exchange])).get(exchange.id)!;
    return presentExchange(exchange, facts, canInExchange(actor, 'manage', facts.myRole));
  }
}
