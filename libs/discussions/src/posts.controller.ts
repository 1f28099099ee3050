// A post's own routes: edit, delete, its edit history and reactions.
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Put,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type PostRevisionView, type PostView, type Reaction, REACTIONS } from '#libs/contracts';
import { Access, type Actor, CurrentActor, ValidationFailedError } from '#libs/common';
import { EditPostDto } from './dto/threads.dto.js';
import { PostsService } from './posts.service.js';
import { ThreadReads } from './thread-reads.service.js';

function reactionOf(value: string): Reaction {
  if (!(REACTIONS as readonly string[]).includes(value))
    throw new ValidationFailedError(`reaction: one of ${REACTIONS.join(', ')}`);
  return value as Reaction;
}

@ApiTags('threads')
@ApiBearerAuth()
@Controller('posts')
export class PostsController {
  constructor(
    private readonly posts: PostsService,
    private readonly reads: ThreadReads,
  ) {}

  /** The author edits their post; the earlier text stays in its history. */
  @Patch(':id')
  @Access('member')
  edit(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: EditPostDto,
  ): Promise<PostView> {
    return this.posts.edit(actor, id, body);
  }

  /** The author deletes their post (with replies, it stays as a tombstone). */
  @Delete(':id')
  @HttpCode(204)
  @Access('member')
  async remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.posts.delete(actor, id);
  }

  /** Every version of the post, oldest first. */
  @Get(':id/revisions')
  @Access('member')
  revisions(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PostRevisionView[]> {
    return this.reads.revisions(actor, id);
  }

  @Put(':id/reactions/:reaction')
  @Access('member')
  react(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('reaction') reaction: string,
  ): Promise<PostView> {
    return this.posts.react(actor, id, reactionOf(reaction), true);
  }

  @Delete(':id/reactions/:reaction')
  @Access('member')
  unreact(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('reaction') reaction: string,
  ): Promise<PostView> {
    return this.posts.react(actor, id, reactionOf(reaction), false);
  }
}
