// The statements discussions run across other libraries' tables, written once at start from the
// names those libraries export (a renamed property breaks the compilation, not a thread).
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { QueryConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { citySqlNames } from '#libs/cities';
import { REACTIONS } from '#libs/contracts';
import { exchangeMemberSqlNames, exchangeSqlNames } from '#libs/exchanges';
import { practitionerSqlNames } from '#libs/practitioners';
import { sqlNamesOf } from '#libs/persistence';
import { Theme } from '#libs/themes';
import { Post } from './entities/post.entity.js';
import { Thread } from './entities/thread.entity.js';

const statementNames = new Map<string, string>();

/**
 * A read that runs on every page view, as a named statement: each pooled connection parses it
 * once, and PostgreSQL may keep its plan. Planning a list (six joins, five subqueries) costs
 * more than running it on a warm cache. Same text, same name; each distinct text is one name.
 */
export function prepared(text: string, values: unknown[]): QueryConfig {
  let name = statementNames.get(text);
  if (!name) {
    name = `discussions-${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

@Injectable()
export class DiscussionsSql {
  /** A person's summary columns, `<prefix>_name`…, from practitioner alias `p` and city alias `c`. */
  readonly personColumns: (p: string, c: string, prefix: string) => string;
  /** Joins practitioner `p` (and their city `c`) to the id expression. */
  readonly personJoin: (idExpr: string, p: string, c: string) => string;
  /** Beside a thread `t`: its exchange (`e`) and the caller's membership (`m`; the caller is `viewer`). */
  readonly placeJoin: (viewer: string) => string;
  readonly placeColumns: (viewer: string) => string;
  /** An exchange with the caller's role in it: $1 exchange, $2 caller. */
  readonly exchangePlace: string;
  /** The exchanges a person ($1) belongs to. */
  readonly membershipsOf: string;
  /** The themes of threads $1 (uuid[]). */
  readonly threadThemes: string;
  /** Theme ids of slugs $1 (text[]). */
  readonly themeIdsOfSlugs: string;
  /** EXISTS: theme slug `$n` is one of thread `t`'s themes. */
  readonly hasTheme: (param: string) => string;
  /** Which of the people $1 (uuid[]) may read threads of exchange $2 (null: the commons), active. */
  readonly readersAmong: string;
  /**
   * Who a new post in thread $1 (exchange $4, null: the commons) may concern, but its author $2:
   * the people $3 (mentioned, the parent's author) and the thread's watchers, each with their
   * follow level, when their account is active and they may read the thread.
   */
  readonly postAudience: string;
  /** People who may be mentioned in exchange $1 (null: commons) whose name matches $2, not $3. */
  readonly mentionable: string;
  /** The network role of person $1, unless erased. */
  readonly networkRoleOf: string;
  /** Beside a thread `t`: its themes and latest five participants, as JSON in their wire shape. */
  readonly threadExtras: string;
  /** Beside a post `po`: its reactions, as JSON in their wire shape, in the set's order. */
  readonly postReactions: string;
  /** Left-joins exchange `alias` on the id expression. */
  readonly exchangeOf: (idExpr: string, alias: string) => string;
  /** The attribution rule column of exchange `alias`. */
  readonly attributionOf: (alias: string) => string;

  constructor(@InjectDataSource() dataSource: DataSource) {
    const p = practitionerSqlNames(dataSource);
    const c = citySqlNames(dataSource);
    const e = exchangeSqlNames(dataSource);
    const m = exchangeMemberSqlNames(dataSource);
    const th = sqlNamesOf(dataSource, Theme, ['id', 'slug', 'label', 'translations'] as const);

    this.personColumns = (pa, ca, prefix) =>
      `${pa}.${p.displayName} AS ${prefix}_name, ${pa}.${p.position} AS ${prefix}_position,
       ${pa}.${p.timeZone} AS ${prefix}_time_zone, ${ca}.${c.id} AS ${prefix}_city_id,
       ${ca}.${c.name} AS ${prefix}_city_name, ${ca}.${c.countryCode} AS ${prefix}_city_country,
       ${ca}.${c.region} AS ${prefix}_city_region`;
    this.personJoin = (idExpr, pa, ca) =>
      `JOIN ${p.table} ${pa} ON ${pa}.${p.id} = ${idExpr} LEFT JOIN ${c.table} ${ca} ON ${ca}.${c.id} = ${pa}.${p.cityId}`;

    this.placeJoin = (viewer) => `
      LEFT JOIN ${e.table} e ON e.${e.id} = t.exchange_id
      LEFT JOIN ${m.table} m ON m.${m.exchangeId} = t.exchange_id AND m.${m.practitionerId} = ${viewer}`;
    this.placeColumns = (
      viewer,
    ) => `e.${e.title} AS exchange_title, e.${e.attribution} AS exchange_attribution,
      e.${e.status} AS exchange_status, m.${m.role} AS role,
      EXISTS (SELECT 1 FROM thread_mutes mu WHERE mu.practitioner_id = ${viewer} AND mu.until > now()
               AND mu.exchange_id IS NOT DISTINCT FROM t.exchange_id) AS muted`;

    this.exchangePlace = `
      SELECT e.${e.id} AS id, e.${e.title} AS exchange_title, e.${e.attribution} AS exchange_attribution,
             e.${e.status} AS exchange_status, m.${m.role} AS role,
             EXISTS (SELECT 1 FROM thread_mutes mu WHERE mu.practitioner_id = $2 AND mu.until > now()
                      AND mu.exchange_id = e.${e.id}) AS muted
        FROM ${e.table} e
        LEFT JOIN ${m.table} m ON m.${m.exchangeId} = e.${e.id} AND m.${m.practitionerId} = $2
       WHERE e.${e.id} = $1`;

    this.membershipsOf = `SELECT ${m.exchangeId} AS exchange_id FROM ${m.table} WHERE ${m.practitionerId} = $1`;

    this.threadThemes = `
      SELECT tt.thread_id, th.${th.id} AS id, th.${th.slug} AS slug, th.${th.label} AS label,
             th.${th.translations} AS translations
        FROM thread_themes tt JOIN ${th.table} th ON th.${th.id} = tt.theme_id
       WHERE tt.thread_id = ANY($1::uuid[]) ORDER BY th.${th.label}`;
    this.themeIdsOfSlugs = `SELECT ${th.id} AS id, ${th.slug} AS slug FROM ${th.table} WHERE ${th.slug} = ANY($1::text[])`;
    this.hasTheme = (param) =>
      `EXISTS (SELECT 1 FROM thread_themes tt JOIN ${th.table} th ON th.${th.id} = tt.theme_id
                WHERE tt.thread_id = t.id AND th.${th.slug} = ${param})`;

    const mayRead = (exchangeParam: string, person: string) =>
      `(${exchangeParam}::uuid IS NULL OR ${person}.${p.networkRole} IN ('coordinator', 'admin')
        OR EXISTS (SELECT 1 FROM ${m.table} mm WHERE mm.${m.exchangeId} = ${exchangeParam}
                    AND mm.${m.practitionerId} = ${person}.${p.id}))`;
    this.readersAmong = `
      SELECT pr.${p.id} AS id, pr.${p.displayName} AS display_name FROM ${p.table} pr
       WHERE pr.${p.id} = ANY($1::uuid[]) AND pr.${p.status} = 'active' AND ${mayRead('$2', 'pr')}`;
    this.postAudience = `
      SELECT pr.${p.id} AS id, r.follow_level FROM ${p.table} pr
        LEFT JOIN thread_readers r ON r.thread_id = $1 AND r.practitioner_id = pr.${p.id}
       WHERE pr.${p.id} <> $2 AND pr.${p.status} = 'active' AND ${mayRead('$4', 'pr')}
         AND (pr.${p.id} = ANY($3::uuid[]) OR pr.${p.id} IN (
               SELECT w.practitioner_id FROM thread_readers w
                WHERE w.thread_id = $1 AND w.follow_level = 'watching'))`;
    this.mentionable = `
      SELECT pr.${p.id} AS person_id, ${this.personColumns('pr', 'pc', 'person')}
        FROM ${p.table} pr LEFT JOIN ${c.table} pc ON pc.${c.id} = pr.${p.cityId}
       WHERE pr.${p.status} = 'active' AND pr.${p.id} <> $3 AND pr.${p.displayName} ILIKE $2
         AND ${mayRead('$1', 'pr')}
       ORDER BY (pr.${p.displayName} ILIKE $4) DESC, pr.${p.displayName}, pr.${p.id}`;
    const personJson = (pa: string, ca: string) =>
      `json_build_object('id', ${pa}.${p.id}, 'displayName', ${pa}.${p.displayName},
        'position', ${pa}.${p.position}, 'timeZone', ${pa}.${p.timeZone},
        'city', CASE WHEN ${ca}.${c.id} IS NULL THEN NULL ELSE json_build_object('id', ${ca}.${c.id},
          'name', ${ca}.${c.name}, 'countryCode', ${ca}.${c.countryCode}, 'region', ${ca}.${c.region}) END)`;
    this.threadExtras = `
      (SELECT coalesce(json_agg(json_build_object('id', th.${th.id}, 'slug', th.${th.slug},
                'label', th.${th.label}, 'translations', th.${th.translations}) ORDER BY th.${th.label}), '[]'::json)
         FROM thread_themes tt JOIN ${th.table} th ON th.${th.id} = tt.theme_id
        WHERE tt.thread_id = t.id) AS themes,
      -- People joined inside the five, by index: joined to the five after the LIMIT, PostgreSQL
      -- hashed every practitioner once per listed thread.
      (SELECT coalesce(json_agg(x.person ORDER BY x.last_posted_at DESC, x.practitioner_id), '[]'::json)
         FROM (SELECT tp.practitioner_id, tp.last_posted_at, ${personJson('pp', 'ppc')} AS person
                 FROM thread_participants tp ${this.personJoin('tp.practitioner_id', 'pp', 'ppc')}
                WHERE tp.thread_id = t.id AND tp.post_count > 0
                ORDER BY tp.last_posted_at DESC, tp.practitioner_id LIMIT 5) x) AS participants`;
    this.postReactions = `
      (SELECT coalesce(json_agg(json_build_object('reaction', g.reaction, 'count', g.n, 'by', g.by)
                ORDER BY array_position(ARRAY[${REACTIONS.map((r) => `'${r}'`).join(', ')}]::text[], g.reaction)), '[]'::json)
         FROM (SELECT reaction, count(*)::int AS n, array_agg(practitioner_id::text ORDER BY practitioner_id) AS by
                 FROM post_reactions WHERE post_id = po.id GROUP BY reaction) g) AS reactions`;
    this.exchangeOf = (idExpr, alias) =>
      `LEFT JOIN ${e.table} ${alias} ON ${alias}.${e.id} = ${idExpr}`;
    this.attributionOf = (alias) => `${alias}.${e.attribution}`;
    this.networkRoleOf = `SELECT ${p.networkRole} AS network_role FROM ${p.table}
      WHERE ${p.id} = $1 AND ${p.status} <> 'erased'`;
  }
}

/** The threads and posts tables as other libraries' SQL may name them (see sqlNamesOf). */
export const threadSqlNames = (dataSource: DataSource) =>
  sqlNamesOf(dataSource, Thread, [
    'id',
    'exchangeId',
    'title',
    'authorId',
    'mergedIntoId',
  ] as const);

export const postSqlNames = (dataSource: DataSource) =>
  sqlNamesOf(dataSource, Post, ['id', 'threadId', 'seq', 'authorId', 'body', 'language'] as const);
