import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { FileStorageView, FileView } from '#libs/contracts';
import { MAX_FILE_BYTES } from '#libs/contracts';
import { Access, type Actor, CurrentActor, OptionalActor } from '#libs/common';
import { presentFile } from './file.presenter.js';
import { FilesService } from './files.service.js';
import { discardRest, type IncomingUpload } from './upload-receiver.js';

@ApiTags('files')
@ApiBearerAuth()
@Controller()
export class FilesController {
  constructor(private readonly files: FilesService) {}

  /** One file as multipart/form-data (part `file`), stored unattached until a post takes it. */
  @Post('files')
  @Access('member')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  async upload(
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FileView> {
    const incoming: IncomingUpload = {
      headers: req.headers,
      body: req,
      closeAfterAnswer: () => {
        if (!res.headersSent) res.setHeader('Connection', 'close');
      },
    };
    try {
      return presentFile(await this.files.upload(actor, incoming));
    } finally {
      discardRest(incoming);
    }
  }

  @Get('me/files')
  @Access('member')
  async usage(@CurrentActor() actor: Actor): Promise<FileStorageView> {
    const usage = await this.files.usage(actor);
    return {
      usedBytes: usage.usedBytes,
      quotaBytes: usage.quotaBytes,
      maxFileBytes: MAX_FILE_BYTES,
      unattached: usage.unattached.map(presentFile),
    };
  }

  /**
   * The content, as an attachment under its name, with the type found in it. Signed out, only
   * a file whose owner lets anyone read it (a public practice's document); else 404.
   */
  @Get('files/:id')
  @Access('public')
  @ApiProduces('application/octet-stream')
  async download(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { file, content } = await this.files.open(actor, id);
    res.attachment(file.name); // filename="ascii fallback"; filename*=UTF-8''…
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(file.sizeBytes));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    // Opened in a tab anyway, the file runs nothing and loads nothing.
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(content).setErrorHandler((_error, response) => {
      // Half a file must not look whole: break the connection instead of ending the answer.
      (response as unknown as Response).destroy();
    });
  }

  @Get('files/:id/meta')
  @Access('public')
  async meta(
    @OptionalActor() actor: Actor | null,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<FileView> {
    return presentFile(await this.files.readable(actor, id));
  }

  /** The uploader removes an upload that nothing has taken yet. */
  @Delete('files/:id')
  @HttpCode(204)
  @Access('member')
  async remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.files.remove(actor, id);
  }
}
