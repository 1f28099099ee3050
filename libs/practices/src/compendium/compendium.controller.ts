// Exports a compendium as a PDF or Markdown file (coordinators).
import { Body, Controller, HttpCode, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Access, type Actor, CurrentActor } from '#libs/common';
import { CompendiumDto } from '../dto/review.dto.js';
import { CompendiumService } from './compendium.service.js';

@ApiTags('practices')
@ApiBearerAuth()
@Controller('practices')
export class CompendiumController {
  constructor(private readonly compendium: CompendiumService) {}

  @Post('compendium')
  @HttpCode(200)
  @Access('coordinator')
  async export(@CurrentActor() actor: Actor, @Body() body: CompendiumDto): Promise<StreamableFile> {
    const file = await this.compendium.export(actor, body);
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.body.length,
    });
  }
}
