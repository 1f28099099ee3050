// The library as readers reach it: search, an entry, its versions and diffs. Public routes: a
// reader without an account gets public entries only (the policy decides, in the services).
import { Controller, Get, Ip, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type {
  PracticeDiff,
  PracticeSearchResult,
  PracticeVersionSummary,
  PracticeView,
} from '#libs/contracts';
import { Access, type Actor, OptionalActor } from '#libs/common';
import { DiffQuery, ReadPracticeQuery, versionNumber } from './dto/practice.dto.js';
import { SearchPracticesQuery } from './dto/review.dto.js';
import { PracticeReader } from './practice-reader.service.js';
import { SearchBudget } from './search/search-budget.js';
import { SearchResults } from './search/search-results.js';

@ApiTags('practices')
@Controller('practices')
export class PracticesController {
  constructor(
    private readonly reader: PracticeReader,
    private readonly results: SearchResults,
    private readonly budget: SearchBudget,
  ) {}

  /** Full-text search across four languages with facet counts; signed out: public entries only. */
  @Get()
  @Access('public')
  async search(
    @OptionalActor() actor: Actor | null,
    @Query() query: SearchPracticesQuery,
    @Ip() address: string,
  ): Promise<PracticeSearchResult> {
    await this.budget.spend(actor, address);
    return this.results.search(actor, query);
  }

  /** By id or slug: the published version, or (to its editors) the draft. */
  @Get(':ref')
  @Access('public')
  read(
    @OptionalActor() actor: Actor | null,
    @Param('ref') ref: string,
    @Query() query: ReadPracticeQuery,
  ): Promise<PracticeView> {
    return this.reader.read(actor, ref, query.lang ?? null);
  }

  @Get(':ref/versions')
  @Access('public')
  versions(
    @OptionalActor() actor: Actor | null,
    @Param('ref') ref: string,
  ): Promise<PracticeVersionSummary[]> {
    return this.reader.versions(actor, ref);
  }

  @Get(':ref/versions/:version')
  @Access('public')
  version(
    @OptionalActor() actor: Actor | null,
    @Param('ref') ref: string,
    @Param('version') version: string,
    @Query() query: ReadPracticeQuery,
  ): Promise<PracticeView> {
    return this.reader.version(actor, ref, versionNumber(version), query.lang ?? null);
  }

  /** Field by field between two versions (or a version and the working copy, for its editors). */
  @Get(':ref/diff')
  @Access('public')
  diff(
    @OptionalActor() actor: Actor | null,
    @Param('ref') ref: string,
    @Query() query: DiffQuery,
  ): Promise<PracticeDiff> {
    return this.reader.diff(actor, ref, query.from, query.to);
  }
}
