// The thread routes: lists, a thread's page and its posts, starting a thread (also from a live
// message), replying, read position, follow level, a question's answer, mention completion and
// the markdown export. Transport only: parse, call one command, present.
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type {
  Page,
  PersonSummary,
  PostView,
  ThreadFollowState,
  ThreadPage,
  ThreadReadState,
  ThreadSummary,
} from '#libs/contracts';
import { Access, type Actor, CurrentActor } from '#libs/common';
import {
  AnswerDto,
  CreatePostDto,
  CreateThreadDto,
  ExportQuery,
  FollowDto,
  ListThreadsQuery,
  MarkReadDto,
  MentionableQuery,
  ThreadFromMessageDto,
  ThreadPageQuery,
  ThreadPostsQuery,
} from './dto/threads.dto.js';
import { PostsService } from './posts.service.js';
import { ThreadExport } from './thread-export.service.js';
import { ThreadReads } from './thread-reads.service.js';
import { ThreadsService } from './threads.service.js';

/** 201 when this request created it; 200 when a retry found what the first one created. */
const answered = (res: Response, created: boolean) => res.status(created ? 201 : 200);

@ApiTags('threads')
@ApiBearerAuth()
@Controller()
export class ThreadsController {
  constructor(
    private readonly reads: ThreadReads,
    private readonly posts: PostsService,
    private readonly threads: ThreadsService,
    private readonly exporter: ThreadExport,
  ) {}

  /** Threads by latest activity, pinned first, with the caller's unread counts. */
  @Get('threads')
  @Access('member')
  list(
    @CurrentActor() actor: Actor,
    @Query() query: ListThreadsQuery,
  ): Promise<Page<ThreadSummary>> {
    return this.reads.list(actor, { ...query, commons: query.commons === 'true' });
  }

  /** Who the caller may mention in an exchange's threads (or the commons'). */
  @Get('threads/mentionable')
  @Access('member')
  mentionable(
    @CurrentActor() actor: Actor,
    @Query() query: MentionableQuery,
  ): Promise<PersonSummary[]> {
    return this.threads.mentionable(actor, query.exchangeId ?? null, query.q ?? '');
  }

  /** Starts a thread with its opening post; no exchangeId means the commons. */
  @Post('threads')
  @Access('member')
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateThreadDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ThreadPage> {
    const { threadId, created } = await this.posts.startThread(actor, {
      ...body,
      exchangeId: body.exchangeId ?? null,
      themes: body.themes ?? [],
    });
    answered(res, created);
    return this.reads.page(actor, threadId);
  }

  /** A live room message becomes the opening post of a thread in its exchange. */
  @Post('messages/:id/thread')
  @Access('member')
  async fromMessage(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) messageId: string,
    @Body() body: ThreadFromMessageDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ThreadPage> {
    const { threadId, created } = await this.threads.startFromMessage(
      actor,
      body.roomId,
      messageId,
      { ...body, themes: body.themes ?? [] },
    );
    answered(res, created);
    return this.reads.page(actor, threadId);
  }

  /** The thread with a page of its tree (top-level replies by cursor, each with its branch's start). */
  @Get('threads/:id')
  @Access('member')
  page(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ThreadPageQuery,
  ): Promise<ThreadPage> {
    return this.reads.page(actor, id, query.cursor);
  }

  /** Posts by number after `afterSeq`: the whole thread, or one branch. */
  @Get('threads/:id/posts')
  @Access('member')
  postsOf(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ThreadPostsQuery,
  ): Promise<PostView[]> {
    return this.reads.posts(actor, id, query);
  }

  @Get('threads/:id/export')
  @Access('member')
  @Header('Content-Type', 'text/markdown; charset=utf-8')
  async export(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() _query: ExportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { fileName, text } = await this.exporter.markdown(actor, id);
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    return new StreamableFile(Buffer.from(text, 'utf8'));
  }

  @Post('threads/:id/posts')
  @Access('member')
  async reply(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreatePostDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PostView> {
    const { post, created } = await this.posts.reply(actor, { ...body, threadId: id });
    answered(res, created);
    return post;
  }

  /** Marks the thread read up to a post (never backwards). */
  @Put('threads/:id/read')
  @Access('member')
  markRead(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MarkReadDto,
  ): Promise<ThreadReadState> {
    return this.threads.markRead(actor, id, body.postId);
  }

  @Put('threads/:id/follow')
  @Access('member')
  follow(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FollowDto,
  ): Promise<ThreadFollowState> {
    return this.threads.follow(actor, id, body.level);
  }

  /** The question's author or a moderator marks a reply as its answer. */
  @Put('threads/:id/answer')
  @HttpCode(204)
  @Access('member')
  markAnswer(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AnswerDto,
  ): Promise<void> {
    return this.threads.markAnswer(actor, id, body.postId);
  }

  @Delete('threads/:id/answer')
  @HttpCode(204)
  @Access('member')
  clearAnswer(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.threads.markAnswer(actor, id, null);
  }
}
