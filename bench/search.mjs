// `npm run bench:search`: the practice library's search on a large corpus. Generates entries in
// English, French, Dutch and German whose words follow a Zipf-like distribution over a
// vocabulary of 20,000 words per language (real function and domain words first, the glossary's
// terms among them, then invented words shaped like each language's), loads them into a
// throwaway database exactly as publication indexes them, builds the indexes (timed, sized),
// starts the real API and measures p50/p95 of four kinds of query: one word (a rare one and a
// broad one), three words with two facets, a query carried across languages by the glossary, and
// a facet-only listing, each beside its raw-SQL baseline (the statements the API runs, straight
// to PostgreSQL, run by run in turn with the API) and a naive ILIKE baseline, in the same run.
//
// Options (flags or environment): --entries=100000 --reps=100 --warmup=10 --vocabulary=20000
// --quick (10,000 entries, 20 repetitions: a smoke run); --keep keeps the loaded corpus and
// measures on it again in the next --keep run of the same sizes (minutes saved per run). The API allows 600 searches a minute per
// member: keep (reps + warmup) × 5 under that. BENCH_ADMIN_DATABASE_URL: where to
// create the throwaway database (default the local PostgreSQL as postgres).
import { randomBytes, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { httpClient, loadAverage, percentile, spawnApi } from './common.mjs';
import { BENCH_MEMBER_EMAIL, benchScope, searchQueries, searchRequest } from './search-queries.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const practices = await import(path.join(root, 'dist/libs/practices/src/index.js'));
const { runMigrations } = await import(path.join(root, 'dist/libs/persistence/src/index.js'));
const { hashPassword } = await import(path.join(root, 'dist/libs/identity/src/index.js'));
const BENCH_PASSWORD = 'bench-member-password';

// ---------------------------------------------------------------- options

const flags = new Map(
  process.argv
    .slice(2)
    .map((a) => /^--([a-z-]+)(?:=(.*))?$/.exec(a))
    .filter(Boolean)
    .map((m) => [m[1].toUpperCase(), m[2] ?? 'true']),
);
const opt = (name, fallback) => flags.get(name) ?? process.env[name] ?? fallback;
const QUICK = opt('QUICK', 'false') === 'true';
const ENTRIES = Number(opt('ENTRIES', QUICK ? 10_000 : 100_000));
// 100: a p95 of 60 runs is their third slowest, which one garbage collection in either process moves.
const REPS = Number(opt('REPS', QUICK ? 20 : 100));
const WARMUP = Number(opt('WARMUP', QUICK ? 5 : 10));
const VOCABULARY = Number(opt('VOCABULARY', 20_000));
/** --keep: keep the loaded corpus as KEPT, and measure on it again next time (same sizes). */
const KEEP = opt('KEEP', 'false') === 'true';
const KEPT = 'crossings_bench_search_kept';
// Raise the last number when the corpus or its load changes, so a kept corpus is loaded again.
const SEED_KEY = `${ENTRIES}:${VOCABULARY}:1`;
const say = (line = '') => process.stdout.write(`${line}\n`);
const fmt = (n, digits = 1) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';

// ---------------------------------------------------------------- a corpus that reads like text

/** A seeded generator, so every run measures the same corpus. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The most frequent words of each language: function words, then the field's common words. */
const HEAD = {
  en: {
    stop: 'the of and to in a is that for it with as on was by this are be at from or an have not which they their we but has were all can one more will our into also when who been there other these than its'.split(
      ' ',
    ),
    common:
      'community city young people local support work programme police school family families youth city council services partners trust project training network prevention social online public help group groups workers approach research residents neighbourhood violence safety schools children mentors meetings health women staff change experience years practice leaders case cases risk response centre issues policy team'.split(
        ' ',
      ),
    syllables: [
      'ar',
      'en',
      'ti',
      'on',
      'ver',
      'mar',
      'sel',
      'lo',
      'pen',
      'der',
      'ca',
      'bri',
      'sto',
      'wel',
      'tor',
      'ham',
      'fi',
      'gla',
      'rin',
      'vo',
    ],
    endings: ['tion', 'ing', 'ness', 'ment', 'er', 'ity', 'al', 'ly', 's', 'ed'],
  },
  fr: {
    stop: 'le la les de des du et à en un une est que qui pour dans sur par au aux pas plus ne se ce il elle ils sont avec ou leur nous été mais comme'.split(
      ' ',
    ),
    common:
      'jeunes ville quartier familles école écoles police services partenaires confiance projet formation réseau prévention social sociale accompagnement aide groupe travailleurs approche habitants violence sécurité enfants éducateurs réunions santé femmes équipe changement expérience années pratique responsables risque réponse centre politique commune association médiation'.split(
        ' ',
      ),
    syllables: [
      'é',
      'ra',
      'tou',
      'mé',
      'lan',
      'çon',
      'per',
      'gé',
      'dè',
      'vi',
      'cho',
      'bli',
      'mon',
      'rè',
      'sa',
      'feu',
      'gra',
      'lu',
      'pré',
      'nan',
    ],
    endings: ['tion', 'ment', 'eur', 'ité', 'ique', 'age', 'ance', 'ière', 'es', 'é'],
  },
  nl: {
    stop: 'de het een en van in is dat op te met voor zijn niet aan er die ook als bij door om maar dan nog wordt zij we hun uit over tot'.split(
      ' ',
    ),
    common:
      'jongeren stad wijk gezinnen school scholen politie gemeente partners vertrouwen project training netwerk preventie sociale ondersteuning hulp groep werkers aanpak bewoners geweld veiligheid kinderen jongerenwerkers bijeenkomsten gezondheid vrouwen team verandering ervaring jaren praktijk leiders casus risico reactie centrum beleid welzijn buurt'.split(
        ' ',
      ),
    syllables: [
      'ver',
      'ge',
      'ont',
      'berg',
      'dijk',
      'sch',
      'oo',
      'ui',
      'kla',
      'mee',
      'wa',
      'ren',
      'stel',
      'hoe',
      'ij',
      'ze',
      'bo',
      'land',
      'gra',
      'vel',
    ],
    endings: ['heid', 'ing', 'en', 'lijk', 'schap', 'er', 'te', 'isch', 'baar', 'ig'],
  },
  de: {
    stop: 'der die das und in den von zu mit ist im für auf dem nicht ein eine als auch es an werden aus er sie sind bei wir ihre oder nach'.split(
      ' ',
    ),
    common:
      'Jugendliche Stadt Viertel Familien Schule Schulen Polizei Kommune Partner Vertrauen Projekt Schulung Netzwerk Prävention soziale Unterstützung Hilfe Gruppe Fachkräfte Ansatz Bewohner Gewalt Sicherheit Kinder Beratung Treffen Gesundheit Frauen Team Veränderung Erfahrung Jahre Praxis Verantwortliche Fall Risiko Reaktion Zentrum Politik Träger Stadtteil'.split(
        ' ',
      ),
    syllables: [
      'ver',
      'ge',
      'schaf',
      'lich',
      'ein',
      'über',
      'mä',
      'stun',
      'rech',
      'bau',
      'ung',
      'ei',
      'kö',
      'sel',
      'wal',
      'zug',
      'spre',
      'hal',
      'trä',
      'füh',
    ],
    endings: ['ung', 'keit', 'en', 'lich', 'schaft', 'er', 'heit', 'isch', 'bar', 'ig'],
  },
};
const LANGUAGES = ['en', 'fr', 'nl', 'de'];

function vocabulary(language) {
  const head = HEAD[language];
  const words = [...head.stop, ...head.common];
  const seen = new Set(words.map((w) => w.toLowerCase()));
  // The glossary's words, spread from fairly frequent (rank ~300) to rare (rank ~6,000).
  const glossary = [];
  for (const concept of practices.GLOSSARY)
    for (const term of concept.terms[language])
      for (const word of term.split(/[\s’'-]+/))
        if (word.length > 3 && !seen.has(word.toLowerCase())) {
          seen.add(word.toLowerCase());
          glossary.push(word);
        }
  const rnd = random(language.charCodeAt(0) * 7919 + language.charCodeAt(1));
  const invented = [];
  while (words.length + glossary.length + invented.length < VOCABULARY) {
    const n = 1 + Math.floor(rnd() * 3);
    let word = '';
    for (let i = 0; i < n; i++) word += head.syllables[Math.floor(rnd() * head.syllables.length)];
    word += head.endings[Math.floor(rnd() * head.endings.length)];
    if (!seen.has(word)) {
      seen.add(word);
      invented.push(word);
    }
  }
  const all = [...words, ...invented];
  glossary.forEach((word, i) => all.splice(Math.min(all.length, 300 + i * 30), 0, word));
  return all.slice(0, VOCABULARY);
}

/** Zipf–Mandelbrot: weight of rank r is 1 / (r + 2.7). */
function sampler(size, rnd) {
  const cumulative = new Float64Array(size);
  let sum = 0;
  for (let r = 0; r < size; r++) cumulative[r] = sum += 1 / (r + 1 + 2.7);
  return () => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function sentenceText(words, draw, length, rnd) {
  const out = [];
  let sentence = 0;
  for (let i = 0; i < length; i++) {
    let word = words[draw()];
    if (sentence === 0) word = word[0].toUpperCase() + word.slice(1);
    sentence++;
    if (sentence > 6 && rnd() < 0.12) {
      word += '.';
      sentence = 0;
    }
    out.push(word);
  }
  return out.join(' ') + '.';
}

// ---------------------------------------------------------------- the database

async function database() {
  const adminUrl =
    process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const urlOf = (name) => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    if (KEEP && (await keptSeed(urlOf(KEPT))))
      return { url: urlOf(KEPT), name: KEPT, kept: true, drop: async () => undefined };
    const name = KEEP ? KEPT : `crossings_bench_search_${Date.now()}`;
    if (KEEP) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    return {
      url: urlOf(name),
      name,
      kept: false,
      drop: async () => {
        if (KEEP) return;
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  } finally {
    await admin.end();
  }
}

/** What a kept corpus of these sizes recorded when it was loaded, or null. */
async function keptSeed(url) {
  const db = new pg.Client({ connectionString: url });
  try {
    await db.connect();
    const { rows } = await db.query('SELECT * FROM bench_seed WHERE key = $1', [SEED_KEY]);
    return rows[0] ?? null;
  } catch {
    return null;
  } finally {
    await db.end().catch(() => undefined);
  }
}

const THEMES = [
  'online-hate',
  'returning-foreign-fighters',
  'youth-engagement',
  'national-local-coordination',
  'far-right-violent-extremism',
  'polarization',
  'community-resilience',
  'mental-health',
];
const TARGET_GROUPS = [
  'youth',
  'families',
  'schools',
  'online-communities',
  'prisons-and-probation',
  'returnees',
  'frontline-staff',
  'communities',
  'victims',
  'general-public',
];
const EVIDENCE = ['none-yet', 'monitored', 'evaluated-internally', 'evaluated-independently'];
const CITY_COUNTRIES = [
  ['NL', 'europe'],
  ['BE', 'europe'],
  ['FR', 'europe'],
  ['DE', 'europe'],
  ['DK', 'europe'],
  ['GB', 'europe'],
  ['AT', 'europe'],
  ['SE', 'europe'],
  ['US', 'north-america'],
  ['CA', 'north-america'],
];

async function load(db, vocab) {
  const t0 = performance.now();
  const [{ id: coordinatorId }] = (
    await db.query(
      `INSERT INTO practitioners (email, display_name, network_role, status, time_zone) VALUES
         ('bench-coordinator@bench.example', 'Bench coordinator', 'coordinator', 'active', 'UTC') RETURNING id`,
    )
  ).rows;
  const [{ id: memberId }] = (
    await db.query(
      `INSERT INTO practitioners (email, display_name, network_role, status, time_zone, password_hash) VALUES
         ($2, 'Bench member', 'member', 'active', 'UTC', $1) RETURNING id`,
      [await hashPassword(BENCH_PASSWORD), BENCH_MEMBER_EMAIL],
    )
  ).rows;
  const cities = [];
  for (let i = 0; i < 40; i++) {
    const [country, region] = CITY_COUNTRIES[i % CITY_COUNTRIES.length];
    const { rows } = await db.query(
      `INSERT INTO cities (name, country_code, region, time_zone, languages) VALUES ($1, $2, $3, 'UTC', '{}') RETURNING id`,
      [`Bench city ${i}`, country, region],
    );
    cities.push({ id: rows[0].id, country, region });
  }
  const exchanges = (
    await db.query(
      `INSERT INTO exchanges (title, status, attribution) SELECT 'Bench exchange ' || g, 'active', 'named'
         FROM generate_series(1, 20) g ORDER BY g RETURNING id`,
    )
  ).rows.map((r) => r.id);
  await db.query(
    `INSERT INTO exchange_members (exchange_id, practitioner_id, role) VALUES ($1, $3, 'participant'), ($2, $3, 'participant')`,
    [exchanges[0], exchanges[1], memberId],
  );

  await db.query(`CREATE UNLOGGED TABLE bench_docs (
      id uuid, slug text, lang text, title text, summary text, body text,
      lang2 text, title2 text, summary2 text, body2 text,
      visibility text, exchange_id uuid, themes text[], target_groups text[], city_ids uuid[],
      countries text[], regions text[], evidence text, published_at timestamptz)`);
  const rnd = random(20261130);
  const draws = Object.fromEntries(LANGUAGES.map((l) => [l, sampler(vocab[l].length, rnd)]));
  const pick = (list, min, max) => {
    const n = min + Math.floor(rnd() * (max - min + 1));
    const out = new Set();
    while (out.size < n) out.add(list[Math.floor(rnd() * list.length)]);
    return [...out];
  };
  const text = (language, length) => sentenceText(vocab[language], draws[language], length, rnd);
  const BATCH = 1000;
  for (let start = 0; start < ENTRIES; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(ENTRIES, start + BATCH); i++) {
      const x = rnd();
      const lang = x < 0.4 ? 'en' : x < 0.6 ? 'fr' : x < 0.8 ? 'nl' : 'de';
      const translated = rnd() < 0.1;
      const lang2 = translated ? LANGUAGES.filter((l) => l !== lang)[Math.floor(rnd() * 3)] : null;
      const v = rnd();
      const visibility = v < 0.2 ? 'public' : v < 0.9 ? 'network' : 'exchange';
      const chosen = pick(cities, 1, 2);
      rows.push([
        randomUUID(),
        `bench-${i}`,
        lang,
        text(lang, 8),
        text(lang, 30),
        text(lang, 280),
        lang2,
        lang2 && text(lang2, 8),
        lang2 && text(lang2, 30),
        lang2 && text(lang2, 280),
        visibility,
        visibility === 'exchange' ? exchanges[Math.floor(rnd() * exchanges.length)] : null,
        pick(THEMES, 1, 3),
        pick(TARGET_GROUPS, 1, 3),
        chosen.map((c) => c.id),
        [...new Set(chosen.map((c) => c.country))],
        [...new Set(chosen.map((c) => c.region))],
        EVIDENCE[Math.floor(rnd() * 4)],
        new Date(Date.now() - Math.floor(rnd() * 5 * 365) * 86_400_000),
      ]);
    }
    const columns = rows[0].map((_, c) => rows.map((r) => r[c]));
    await db.query(
      `INSERT INTO bench_docs
       SELECT id, slug, lang, title, summary, body, lang2, title2, summary2, body2, visibility, exchange_id,
              themes::text[], target_groups::text[], city_ids::uuid[], countries::text[], regions::text[], evidence, published_at
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
         $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::uuid[], $13::text[], $14::text[], $15::text[],
         $16::text[], $17::text[], $18::text[], $19::timestamptz[])
           AS t(id, slug, lang, title, summary, body, lang2, title2, summary2, body2, visibility, exchange_id,
                themes, target_groups, city_ids, countries, regions, evidence, published_at)`,
      columns.map((values, c) =>
        [12, 13, 14, 15, 16].includes(c) ? values.map((a) => `{${a.join(',')}}`) : values,
      ),
    );
  }
  const generated = performance.now() - t0;

  // Entries, then their index rows as publication writes them (see practice-index.ts).
  const t1 = performance.now();
  await db.query(
    `INSERT INTO practices (id, slug, status, author_id, exchange_id, visibility, original_language, target_groups,
       evidence_level, current_version, published_visibility, published_exchange_id, first_published_at, last_published_at)
     SELECT id, slug, 'published', $1, exchange_id, visibility, lang, target_groups, evidence, 1, visibility, exchange_id,
            published_at, published_at FROM bench_docs`,
    [coordinatorId],
  );
  const cfg = (l) =>
    `(CASE ${l} WHEN 'en' THEN 'crossings_en'::regconfig WHEN 'fr' THEN 'crossings_fr'::regconfig WHEN 'nl' THEN 'crossings_nl'::regconfig WHEN 'de' THEN 'crossings_de'::regconfig ELSE 'crossings_simple'::regconfig END)`;
  const head = (l, t, s) =>
    `setweight(to_tsvector(${cfg(l)}, ${t}), 'A') || setweight(to_tsvector(${cfg(l)}, ${s}), 'B')`;
  const full = (l, t, s, b) => `${head(l, t, s)} || setweight(to_tsvector(${cfg(l)}, ${b}), 'C')`;
  const slot = (name) =>
    `CASE WHEN lang = '${name}' OR lang2 = '${name}' THEN
       coalesce(CASE WHEN lang = '${name}' THEN ${full('lang', 'title', 'summary', 'body')} END, '') ||
       coalesce(CASE WHEN lang2 = '${name}' THEN ${full('lang2', 'title2', 'summary2', 'body2')} END, '') END`;
  await db.query(
    `INSERT INTO practice_search (practice_id, slug, original_language, languages, visibility, exchange_id, themes,
       target_groups, city_ids, countries, regions, evidence_level, published_at, head_tsv, tsv_en, tsv_fr, tsv_nl, tsv_de,
       tsv_other, texts)
     SELECT id, slug, lang, CASE WHEN lang2 IS NULL THEN ARRAY[lang] ELSE ARRAY[lang, lang2] END, visibility, exchange_id,
            themes, target_groups, city_ids, countries, regions, evidence, published_at,
            ${head('lang', 'title', 'summary')} || coalesce(CASE WHEN lang2 IS NOT NULL THEN ${head('lang2', 'title2', 'summary2')} END, ''),
            ${slot('en')}, ${slot('fr')}, ${slot('nl')}, ${slot('de')}, NULL,
            jsonb_build_object(lang, jsonb_build_object('title', title, 'summary', summary, 'body', summary || ' ' || body))
              || CASE WHEN lang2 IS NULL THEN '{}'::jsonb
                      ELSE jsonb_build_object(lang2, jsonb_build_object('title', title2, 'summary', summary2, 'body', summary2 || ' ' || body2)) END
       FROM bench_docs`,
  );
  await db.query(
    `INSERT INTO practice_search_words (practice_id, words)
     SELECT id, ARRAY(SELECT w FROM unnest(tsvector_to_array(to_tsvector('crossings_simple',
                  concat_ws(' ', title, summary, title2, summary2)))) w WHERE length(w) BETWEEN 3 AND 100 ORDER BY w)
       FROM bench_docs`,
  );
  await db.query(
    `INSERT INTO practice_terms (scope, term, docs)
     SELECT CASE s.visibility WHEN 'exchange' THEN 'x:' || s.exchange_id ELSE s.visibility END, w, count(*)
       FROM practice_search s JOIN practice_search_words sw ON sw.practice_id = s.practice_id
            CROSS JOIN LATERAL unnest(sw.words) w GROUP BY 1, 2
     ON CONFLICT (scope, term) DO UPDATE SET docs = practice_terms.docs + EXCLUDED.docs`,
  );
  // The listing's facet counts, as publication keeps them (the very expression it counts).
  await db.query(
    `INSERT INTO practice_facet_counts (scope, a, b, n)
     SELECT scope, a, b, count(*)::int FROM (${practices.FACET_PAIRS_OF_ROWS}) p GROUP BY scope, a, b`,
  );
  const indexed = performance.now() - t1;
  return { coordinatorId, memberId, exchanges, generated, indexed };
}

/** The search indexes, dropped before the load and built after it: their build time and size. */
async function rebuildIndexes(db) {
  const { rows } = await db.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('practice_search', 'practice_terms')
       AND indexname NOT LIKE '%_pkey' ORDER BY indexname`,
  );
  for (const row of rows) await db.query(`DROP INDEX ${row.indexname}`);
  const built = [];
  await db.query(`SET maintenance_work_mem = '256MB'`);
  for (const row of rows) {
    const t = performance.now();
    await db.query(row.indexdef);
    const [{ size }] = (await db.query(`SELECT pg_relation_size($1) AS size`, [row.indexname]))
      .rows;
    built.push({ name: row.indexname, ms: performance.now() - t, size: Number(size) });
  }
  // As autovacuum leaves a library that grew by inserts (PostgreSQL vacuums a table after 20 %
  // new rows): statistics, and the visibility map that lets an index answer alone.
  for (const table of ['practice_search', 'practice_terms', 'practices', 'practice_facet_sets'])
    await db.query(`VACUUM ANALYZE ${table}`);
  // The load's gigabyte of dirty pages written out now, as a library in use has them: left to the
  // background writer, their write-out ran under the measurements (a settled rare-word statement
  // takes p95 14 ms here, 25 ms while that write-out went on).
  await db.query('CHECKPOINT');
  return built;
}

// ---------------------------------------------------------------- the queries

/** The baseline's own copy of the facet combinations, as the API keeps its own. */
const rawFacetSets = new practices.FacetSets();

/**
 * What the API runs for a query, straight to PostgreSQL (the same function, no HTTP around it),
 * on a pool of two connections as the API's own pool gives it: the page and the counts are asked
 * at once.
 */
async function rawSearch(pool, scope, query) {
  const { row } = await practices.runSearch(
    async (sql, params) => (await pool.query(sql, params)).rows,
    scope,
    searchRequest(query),
    rawFacetSets,
  );
  return row;
}

/** The naive way: ILIKE every word over the stored texts, with the same counts and facets. */
async function ilikeSearch(db, scope, query) {
  const words = (query.q ?? '').split(/\s+/).filter(Boolean);
  const params = [];
  const p = (v) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where = [
    scope.kind === 'member'
      ? `(d.visibility <> 'exchange' OR d.exchange_id = ANY(${p(scope.exchangeIds)}::uuid[]))`
      : 'TRUE',
  ];
  for (const w of words) where.push(`d.texts::text ILIKE ${p(`%${w}%`)}`);
  if (query.theme) where.push(`d.themes @> ARRAY[${p(query.theme)}]::text[]`);
  if (query.evidence) where.push(`d.evidence_level = ${p(query.evidence)}`);
  const sql = `WITH m AS MATERIALIZED (SELECT d.practice_id, d.themes, d.evidence_level, d.languages, d.published_at FROM practice_search d WHERE ${where.join(' AND ')})
    SELECT (SELECT count(*) FROM m) AS total,
           (SELECT json_agg(f) FROM (SELECT v, count(*) FROM m, unnest(m.themes) v GROUP BY v
                                     UNION ALL SELECT evidence_level, count(*) FROM m GROUP BY 1
                                     UNION ALL SELECT v, count(*) FROM m, unnest(m.languages) v GROUP BY v) f) AS facets,
           (SELECT json_agg(x) FROM (SELECT practice_id FROM m ORDER BY published_at DESC LIMIT 20) x) AS items`;
  return (await db.query(sql, params)).rows[0];
}

async function timed(times, fn) {
  const rows = [];
  for (let i = 0; i < WARMUP + times; i++) {
    const t = performance.now();
    const result = await fn();
    if (i >= WARMUP) rows.push(performance.now() - t);
    if (i === 0) rows.result = result;
  }
  const sorted = [...rows].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), result: rows.result };
}

/**
 * Each of `sides` timed as `timed` does, the sides taking turns run by run, so a phase of the
 * machine (another process, the CPU's clock, a cache another query emptied) weighs on each
 * alike: measured one block after the other, the same statements' p95 moved by half between
 * blocks on a shared two-core machine.
 */
async function timedSideBySide(times, sides) {
  const runs = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
  for (let i = 0; i < WARMUP + times; i++)
    for (const [name, fn] of Object.entries(sides)) {
      const t = performance.now();
      const result = await fn();
      if (i >= WARMUP) runs[name].push(performance.now() - t);
      if (i === 0) runs[name].result = result;
    }
  return Object.fromEntries(
    Object.entries(runs).map(([name, rows]) => {
      const sorted = [...rows].sort((a, b) => a - b);
      return [
        name,
        { p50: percentile(sorted, 50), p95: percentile(sorted, 95), result: rows.result },
      ];
    }),
  );
}

// ---------------------------------------------------------------- the run

async function main() {
  say(
    `== Practice library search: ${ENTRIES.toLocaleString('en-US')} entries, ${VOCABULARY.toLocaleString('en-US')} words per language${QUICK ? ' (quick run)' : ''}`,
  );
  say(
    `   machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load ${loadAverage()}`,
  );
  const { url, name, kept, drop } = await database();
  await runMigrations(url);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const rawPool = new pg.Pool({ connectionString: url, max: 2 });
  let server;
  let dataDir;
  try {
    const [{ server_version: version }] = (await db.query('SHOW server_version')).rows;
    say(
      `   PostgreSQL ${version}, ${kept ? `the corpus kept as ${name} (--keep) by an earlier run of these sizes` : KEEP ? `database ${name}, kept afterwards (--keep)` : `throwaway database ${name}`}`,
    );
    const vocab = Object.fromEntries(LANGUAGES.map((l) => [l, vocabulary(l)]));
    let seed = kept ? await keptSeed(url) : null;
    if (!seed) {
      const loaded = await load(db, vocab);
      const built = await rebuildIndexes(db);
      seed = { ...loaded, built };
      await db.query(
        `CREATE TABLE bench_seed (key text, exchanges uuid[], generated float8, indexed float8, built jsonb)`,
      );
      await db.query('INSERT INTO bench_seed VALUES ($1, $2, $3, $4, $5)', [
        SEED_KEY,
        loaded.exchanges,
        loaded.generated,
        loaded.indexed,
        JSON.stringify(built),
      ]);
    } else {
      await db.query('CHECKPOINT');
    }
    const { exchanges, generated, indexed, built } = seed;
    say(
      `   corpus generated and staged in ${fmt(generated / 1000)} s; index rows written (tsvectors, facets, vocabulary) in ${fmt(indexed / 1000)} s${kept ? ' (when it was loaded)' : ''}`,
    );
    const sizes = (
      await db.query(
        `SELECT pg_relation_size('practice_search') AS heap, pg_total_relation_size('practice_search') AS total,
              pg_indexes_size('practice_search') AS indexes, (SELECT count(*) FROM practice_terms) AS terms`,
      )
    ).rows[0];
    say(
      `   indexes built in ${fmt(built.reduce((a, b) => a + b.ms, 0) / 1000)} s: ${built.map((b) => `${b.name.replace('practice_search_', '')} ${fmt(b.ms / 1000)} s ${fmt(b.size / 2 ** 20)} MB`).join('; ')}`,
    );
    say(
      `   practice_search: heap ${fmt(sizes.heap / 2 ** 20)} MB, with TOAST and indexes ${fmt(sizes.total / 2 ** 20)} MB (indexes ${fmt(sizes.indexes / 2 ** 20)} MB); vocabulary ${Number(sizes.terms).toLocaleString('en-US')} scoped words`,
    );

    // The queries: words chosen by their frequency in this corpus.
    const frequency = async (word) =>
      Number(
        (
          await db.query(
            `SELECT count(*) AS n FROM practice_search d WHERE ${practices.matchVector('en')} @@ plainto_tsquery('crossings_en', $1)`,
            [word],
          )
        ).rows[0].n,
      );
    const rare = vocab.en[Math.min(vocab.en.length - 1, 9000)];
    // The broad term: the most frequent of the common (not stop) words in this corpus.
    const candidates = HEAD.en.common.slice(0, 5);
    const counts = [];
    for (const word of candidates) counts.push(await frequency(word));
    const broadWord = candidates[counts.indexOf(Math.max(...counts))];
    const queries = searchQueries(rare, broadWord);
    // Kept with the corpus, so bench:search:compare asks the same words.
    await db.query('ALTER TABLE bench_seed ADD COLUMN IF NOT EXISTS words text[]');
    await db.query('UPDATE bench_seed SET words = $1', [[rare, broadWord]]);
    say(
      `   rare word "${rare}" in ${(await frequency(rare)).toLocaleString('en-US')} English entries; "${broadWord}" in ${Math.max(...counts).toLocaleString('en-US')}`,
    );

    const port = 20000 + Math.floor(Math.random() * 20000);
    const secret = randomBytes(32).toString('base64url');
    ({ child: server, dataDir } = spawnApi({
      root,
      name: 'bench-search',
      port,
      databaseUrl: url,
      secret,
    }));
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (Date.now() > deadline) throw new Error('the API did not start');
      if (
        await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const client = httpClient(`http://127.0.0.1:${port}`);
    const signIn = await client.request('POST', '/api/auth/sign-in', {
      body: { email: BENCH_MEMBER_EMAIL, password: BENCH_PASSWORD },
    });
    if (!signIn.ok) throw new Error(`sign-in: ${signIn.status} ${signIn.text}`);
    const token = signIn.json.accessToken;
    const scope = await benchScope(db, exchanges);
    say(
      `   measured as a member of 2 of the 20 exchanges (public, network and their exchange entries); ${REPS} runs after ${WARMUP} warm-up runs, one at a time, the API's and the raw statements' taking turns`,
    );
    say('');
    const lines = [
      '| query | matches | API p50 ms | API p95 ms | raw SQL p50 ms | raw SQL p95 ms | API / raw (p95) | ILIKE p50 ms | ILIKE p95 ms | target p95 |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ];
    const verdicts = [];
    for (const { label, target, query } of queries) {
      const qs = new URLSearchParams({ ...query, lang: 'en' }).toString();
      const { api, raw } = await timedSideBySide(REPS, {
        api: async () => {
          const response = await client.request('GET', `/api/practices?${qs}`, { token });
          if (!response.ok) throw new Error(`${label}: ${response.status} ${response.text}`);
          return response.json;
        },
        raw: () => rawSearch(rawPool, scope, query),
      });
      const ilike = query.q
        ? await timed(Math.min(REPS, 10), () => ilikeSearch(db, scope, query))
        : null;
      const total = api.result.total;
      if (raw.result.total !== total)
        say(`   ! ${label}: the API found ${total}, the raw statement ${raw.result.total} (${qs})`);
      const share = (100 * total) / ENTRIES;
      const ratio = api.p95 / raw.p95;
      lines.push(
        `| ${label} | ${total.toLocaleString('en-US')} (${fmt(share)} %) | ${fmt(api.p50)} | ${fmt(api.p95)} | ${fmt(raw.p50)} | ${fmt(raw.p95)} | ${fmt(ratio, 2)} | ${ilike ? fmt(ilike.p50) : 'n/a'} | ${ilike ? fmt(ilike.p95) : 'n/a'} | ≤ ${target} ms ${api.p95 <= target ? '✔' : '✘'} |`,
      );
      verdicts.push(
        `${label}: p95 ${fmt(api.p95)} ms ${api.p95 <= target ? '≤' : '>'} ${target} ms ${api.p95 <= target ? '✔' : '✘'}; API/raw ${fmt(ratio, 2)} ${ratio <= 1.5 ? '≤ 1.5 ✔' : '> 1.5 ✘'}${api.result.expansions?.length ? `; expansions: ${api.result.expansions.map((e) => `${e.kind} ${e.term} → ${e.alternatives.slice(0, 4).join(', ')}`).join('; ')}` : ''}`,
      );
    }
    client.close();
    say(lines.join('\n'));
    say('');
    for (const line of verdicts) say(line);
    say(
      `\nthe corpus: a selective query under 1 % of entries ("${rare}"), a broad term over 20 % ("${broadWord}"); see the matches column.`,
    );
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await rawPool.end();
    await db.end();
    if (process.env.BENCH_KEEP) say(`kept ${url}`);
    else await drop();
  }
}

main().catch((error) => {
  say(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
