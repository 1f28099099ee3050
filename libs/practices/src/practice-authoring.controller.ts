// Writing entries: drafts, autosave, provenance links, quotes, and the working copy.
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
import {
  PROVENANCE_KINDS,
  type PracticeEventView,
  type PracticeListItem,
  type PracticeWorkingView,
  type ProvenanceKind,
} from '#libs/contracts';
import { Access, type Actor, CurrentActor, NotFoundError } from '#libs/common';
import {
  AttachDocumentsDto,
  CreatePracticeDto,
  QuoteDto,
  SourceRefDto,
  UpdatePracticeDto,
} from './dto/practice.dto.js';
import { ListMineQuery } from './dto/review.dto.js';
import { PracticeDocuments } from './practice-documents.service.js';
import { PracticeLists } from './practice-lists.service.js';
import { PracticeReader } from './practice-reader.service.js';
import { PracticesService } from './practices.service.js';

@ApiTags('practices')
@ApiBearerAuth()
@Controller('practices')
export class PracticeAuthoringController {
  constructor(
    private readonly practices: PracticesService,
    private readonly reader: PracticeReader,
    private readonly lists: PracticeLists,
    private readonly documents: PracticeDocuments,
  ) {}

  /** Everything I wrote, newest change first (drafts included). */
  @Get('mine')
  @Access('member')
  mine(@CurrentActor() actor: Actor, @Query() query: ListMineQuery): Promise<PracticeListItem[]> {
    return this.lists.mine(actor, query.limit ?? 50, null);
  }

  @Post()
  @Access('member')
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreatePracticeDto,
  ): Promise<PracticeWorkingView> {
    return this.reader.working(actor, await this.practices.create(actor, body));
  }

  /** "Propose as a practice": a draft prefilled from a session, a message (threads and posts later). */
  @Post('propose')
  @Access('member')
  async propose(
    @CurrentActor() actor: Actor,
    @Body() body: SourceRefDto,
  ): Promise<PracticeWorkingView> {
    return this.reader.working(actor, await this.practices.propose(actor, body));
  }

  @Get(':id/working')
  @Access('member')
  working(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PracticeWorkingView> {
    return this.reader.working(actor, id);
  }

  /** Autosave: the fields sent are set, the others kept; a repeat changes nothing. */
  @Patch(':id')
  @Access('member')
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdatePracticeDto,
  ): Promise<PracticeWorkingView> {
    await this.practices.update(actor, id, body);
    return this.reader.working(actor, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access('member')
  async delete(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    await this.practices.delete(actor, id);
  }

  @Get(':id/events')
  @Access('member')
  events(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PracticeEventView[]> {
    return this.reader.events(actor, id);
  }

  @Post(':id/sources')
  @Access('member')
  async addSource(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SourceRefDto,
  ): Promise<PracticeWorkingView> {
    await this.practices.addSource(actor, id, body);
    return this.reader.working(actor, id);
  }

  @Delete(':id/sources/:kind/:sourceId')
  @HttpCode(204)
  @Access('member')
  async removeSource(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('kind') kind: string,
    @Param('sourceId', ParseUUIDPipe) sourceId: string,
  ): Promise<void> {
    if (!(PROVENANCE_KINDS as readonly string[]).includes(kind))
      throw new NotFoundError('Provenance link');
    await this.practices.removeSource(actor, id, kind as ProvenanceKind, sourceId);
  }

  /** Quotes someone's words; they are asked, and readers see the quote only after their yes. */
  @Post(':id/quotes')
  @Access('member')
  async addQuote(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: QuoteDto,
  ): Promise<PracticeWorkingView> {
    await this.practices.addQuote(actor, id, body);
    return this.reader.working(actor, id);
  }

  @Delete(':id/quotes/:quoteId')
  @HttpCode(204)
  @Access('member')
  async removeQuote(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('quoteId', ParseUUIDPipe) quoteId: string,
  ): Promise<void> {
    await this.practices.removeQuote(actor, id, quoteId);
  }

  /** Evaluation reports and other documents: files uploaded with POST /api/files, attached. */
  @Post(':id/attachments')
  @Access('member')
  async attach(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AttachDocumentsDto,
  ): Promise<PracticeWorkingView> {
    await this.documents.attach(actor, id, body.fileIds);
    return this.reader.working(actor, id);
  }

  @Delete(':id/attachments/:fileId')
  @HttpCode(204)
  @Access('member')
  async detach(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('fileId', ParseUUIDPipe) fileId: string,
  ): Promise<void> {
    await this.documents.detach(actor, id, fileId);
  }
}
