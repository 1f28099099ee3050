// Lists of entries for a person: what they wrote, what waits for their review, and what was
// published lately in their themes (read from the search index, so only what they may read).
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import type { PracticeListItem } from '#libs/contracts';
import { type Actor, hasNetworkRole } from '#libs/common';
import { exchangeIdsOfMemberSql } from '#libs/exchanges';
import { Practice } from './entities/practice.entity.js';
import { PracticeLookups } from './practice-lookups.js';
import { presentListItem } from './practice.presenter.js';
import { searchScopeOf } from './practices.policy.js';
import { reachSql } from './search/search-sql.js';

/** How far back "newly published" reaches. */
export const NEW_PRACTICE_DAYS = 30;

@Injectable()
export class PracticeLists {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Practice) private readonly practices: Repository<Practice>,
    private readonly lookups: PracticeLookups,
  ) {}

  async mine(actor: Actor, limit: number, lang: string | null): Promise<PracticeListItem[]> {
    const rows = await this.practices.find({
      where: { authorId: actor.id },
      order: { updatedAt: 'DESC' },
      take: limit,
    });
    const themes = await this.lookups.themes();
    return rows.map((p) => presentListItem(p, themes, lang));
  }

  /**
   * In review and waiting for the actor: as an assigned reviewer who has not decided on the
   * current revision; coordinators also see every entry in review (to assign or publish).
   */
  async reviewQueue(
    actor: Actor,
    limit: number,
    lang: string | null,
  ): Promise<{ items: PracticeListItem[]; total: number }> {
    const coordinator = hasNetworkRole(actor, 'coordinator');
    const rows = (await this.dataSource.query(
      `SELECT p.id, count(*) OVER ()::int AS total
         FROM practices p
        WHERE p.status = 'in-review' AND p.author_id <> $1
          AND ($2 OR EXISTS (SELECT 1 FROM practice_reviewers r
                              WHERE r.practice_id = p.id AND r.reviewer_id = $1
                                AND r.decision_revision IS DISTINCT FROM p.revision))
        ORDER BY p.updated_at ASC
        LIMIT $3`,
      [actor.id, coordinator, limit],
    )) as Array<{ id: string; total: number }>;
    if (rows.length === 0) return { items: [], total: 0 };
    const practices = await this.practices.find({ where: { id: In(rows.map((r) => r.id)) } });
    const themes = await this.lookups.themes();
    const order = rows.map((r) => r.id);
    practices.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    return {
      items: practices.map((p) => presentListItem(p, themes, lang)),
      total: rows[0]?.total ?? 0,
    };
  }

  /** Published in the last days, in any of `themes` (all themes when empty), that the actor may read. */
  async recentlyPublished(
    actor: Actor,
    themeSlugs: string[],
    limit: number,
    lang: string | null,
  ): Promise<{ items: PracticeListItem[]; total: number }> {
    const scope = searchScopeOf(actor);
    const params: unknown[] = [NEW_PRACTICE_DAYS, limit, lang ?? ''];
    let where = `s.published_at > now() - make_interval(days => $1)`;
    if (themeSlugs.length) {
      params.push(themeSlugs);
      where += ` AND s.themes && $${params.length}::text[]`;
    }
    where += ` AND ${reachSql(scope, 's', (memberId) => {
      params.push(memberId);
      return exchangeIdsOfMemberSql(`$${params.length}`);
    })}`;
    const rows = (await this.dataSource.query(
      `SELECT s.practice_id, s.slug, s.visibility, s.evidence_level, s.themes, s.published_at,
              lang.language, s.texts -> lang.language ->> 'title' AS title,
              s.texts -> lang.language ->> 'summary' AS summary, count(*) OVER ()::int AS total
         FROM practice_search s
         CROSS JOIN LATERAL (SELECT CASE WHEN $3 = ANY(s.languages) THEN $3 ELSE s.original_language END AS language) lang
        WHERE ${where}
        ORDER BY s.published_at DESC, s.practice_id
        LIMIT $2`,
      params,
    )) as Array<{
      practice_id: string;
      slug: string;
      visibility: PracticeListItem['visibility'];
      evidence_level: PracticeListItem['evidenceLevel'];
      themes: string[];
      published_at: Date;
      language: string;
      title: string;
      summary: string;
      total: number;
    }>;
    const themes = await this.lookups.themes();
    return {
      items: rows.map((r) => ({
        id: r.practice_id,
        slug: r.slug,
        title: r.title,
        summary: r.summary,
        language: r.language,
        status: 'published',
        visibility: r.visibility,
        evidenceLevel: r.evidence_level,
        themes: r.themes.flatMap((slug) => themes.get(slug) ?? []),
        updatedAt: r.published_at.toISOString(),
        publishedAt: r.published_at.toISOString(),
      })),
      total: rows[0]?.total ?? 0,
    };
  }
}
