// `npm run bench:threads`: seeds 50 exchanges, 20,000 threads and 500,000 posts (a few threads of
// 2,500 posts) into a throwaway database, starts the real API on it, and measures, beside the same
// run's raw SQL baseline for the same answer: the thread list with unread counts of a member of
// 20 exchanges, the first page of a 2,500-post thread, and a reply in a thread with 200 watchers
// (notifications included). Prints p50/p95/p99 and the ratio of the server's p95 to the baseline's.
// Options (flags or environment): --scale=0.1 (that share of the data, fewer rounds: a run to
// iterate on while others share the machine; --quick is --scale=0.1), --threads=20000
// --posts=500000 --rounds=300, --keep (keep the seeded database for the next run with the same
// sizes, which then only migrates it: seconds instead of a minute).
// BENCH_ADMIN_DATABASE_URL: where to create the database `crossings_bench_threads` (default the
// local PostgreSQL as postgres).
import { spawn } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { httpClient, loadAverage, percentile, spawnApi } from './common.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

function options(argv = process.argv.slice(2), env = process.env) {
  const flags = new Map();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (match) flags.set(match[1].replace(/-/g, '_').toUpperCase(), match[2] ?? 'true');
  }
  const get = (name, fallback) => flags.get(name) ?? env[name] ?? fallback;
  const number = (name, fallback) => {
    const value = Number(get(name, String(fallback)));
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
    return value;
  };
  const scale = get('QUICK', 'false') === 'true' ? 0.1 : number('SCALE', 1);
  if (scale > 1) throw new Error('SCALE is at most 1');
  const num = (name, fallback) => Math.round(number(name, fallback));
  // Fewer rounds on less data, never fewer than enough for a p95.
  const rounds = (full) => Math.max(40, Math.round(full * Math.sqrt(scale)));
  return {
    scale,
    keep: get('KEEP', 'false') === 'true',
    exchanges: 50,
    memberOf: 20,
    threads: num('THREADS', 20_000 * scale),
    posts: num('POSTS', 500_000 * scale),
    bigThreads: 4,
    bigThreadPosts: 2_500,
    watchers: 200,
    rounds: num('ROUNDS', rounds(300)),
    postRounds: num('POST_ROUNDS', rounds(150)),
  };
}

const o = options();
const children = new Set();
const cleanups = [];
const say = (line) => process.stdout.write(`${line}\n`);
const fmt = (n, digits = 1) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';

async function cleanup() {
  for (const child of [...children]) {
    if (child.exitCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
    await exited;
    clearTimeout(timer);
  }
  for (const step of cleanups.splice(0).reverse())
    await step().catch((e) => say(`cleanup: ${e.message}`));
}
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => void cleanup().then(() => process.exit(130)));

const DATABASE = 'crossings_bench_threads';
/** With --keep, the seeded data stays here; each run measures on a fresh copy of it. */
const KEPT = 'crossings_bench_threads_seed';
const adminUrl =
  process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const urlOf = (name) => {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

async function asAdmin(work) {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/**
 * The bench's database, made afresh and dropped at the end: empty, or with --keep a copy of the
 * data an earlier run seeded with the same sizes (a file copy: seconds instead of the seed).
 */
async function database() {
  cleanups.push(() =>
    asAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`)),
  );
  return asAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    const kept =
      o.keep &&
      (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [KEPT])).rowCount > 0 &&
      (await seededAlike(urlOf(KEPT)));
    await admin.query(
      kept
        ? `CREATE DATABASE ${DATABASE} TEMPLATE ${KEPT} STRATEGY FILE_COPY`
        : `CREATE DATABASE ${DATABASE}`,
    );
    return { url: urlOf(DATABASE), name: DATABASE, seeded: kept };
  });
}

/** Keeps the freshly seeded database's data for later runs (--keep). */
async function keepSeed() {
  const started = Date.now();
  await asAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${KEPT} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${KEPT} TEMPLATE ${DATABASE} STRATEGY FILE_COPY`);
  });
  say(`  kept the seeded data as ${KEPT} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** The sizes a kept database was seeded with, as a row the seed leaves (bench_seed). */
const seedSizes = () =>
  JSON.stringify({
    // Raise when the seed changes, so a kept database from before is seeded again.
    version: 2,
    threads: o.threads,
    posts: o.posts,
    big: o.bigThreadPosts,
    w: o.watchers,
  });

async function seededAlike(url) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query('SELECT sizes, reader, writer, big_thread FROM bench_seed');
    return rows[0]?.sizes === seedSizes();
  } catch {
    return false;
  } finally {
    await db.end();
  }
}

/** An access token like the API's own, naming the member's signed-in session (`sid`). */
function signAccessToken(secret, sub, sid) {
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, role: 'member', iam: Date.now(), iat, exp: iat + 6 * 3600, sid })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

async function freePort() {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child) {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}) during start`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the API did not become healthy within 180 s');
}

// ---------------------------------------------------------------- the data

/**
 * Straight into the tables, as the API keeps them: per-thread counters, per-post reply counts,
 * participants, read positions. Post ids are derived from (thread, seq), so parents and branches
 * are computed in SQL. Every fifth post answers the opening post; the others answer the top-level
 * post before them (branches of five); every 97th post is deleted.
 */
async function seed(db) {
  const t0 = Date.now();
  const step = async (label, sql, params = []) => {
    const started = Date.now();
    await db.query(sql, params);
    say(`  seed: ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
  // The rows are consistent by construction: no foreign key checks row by row (half a million
  // posts with four references each), as a restore from a dump would do.
  await db.query(`SET session_replication_role = replica`);
  // Ids derived from text (a thread and a number), shaped as version-4 UUIDs.
  await db.query(`CREATE FUNCTION bench_uuid(text) RETURNS uuid LANGUAGE sql IMMUTABLE AS
    $$ SELECT overlay(overlay(md5($1) placing '4' from 13) placing '8' from 17)::uuid $$`);
  const [europe, america] = (
    await db.query(
      `INSERT INTO cities (name, country_code, region, time_zone, languages)
       VALUES ('Bench Lyon', 'FR', 'europe', 'Europe/Paris', '{fr}'),
              ('Bench Denver', 'US', 'north-america', 'America/Denver', '{en}') RETURNING id`,
    )
  ).rows.map((r) => r.id);
  const authors = o.watchers + 100;
  const [reader] = (
    await db.query(
      `INSERT INTO practitioners (email, display_name, network_role, status, position, city_id, languages, time_zone)
       VALUES ('reader@bench.example', 'Bench reader', 'member', 'active', 'mayor', $1, '{en}', 'UTC') RETURNING id`,
      [europe],
    )
  ).rows.map((r) => r.id);
  await step(
    `${authors} authors`,
    `INSERT INTO practitioners (email, display_name, network_role, status, position, city_id, languages, time_zone)
     SELECT 'author-' || g || '@bench.example', 'Bench author ' || g, 'member', 'active', 'practitioner',
            CASE WHEN g % 2 = 0 THEN $1::uuid ELSE $2::uuid END, '{en}', 'UTC'
       FROM generate_series(1, $3::int) g`,
    [europe, america, authors],
  );
  await step(
    `${o.exchanges} exchanges`,
    `INSERT INTO exchanges (title, status, attribution, created_at)
     SELECT 'Bench exchange ' || lpad(g::text, 3, '0'), 'active', 'named', now() - make_interval(days => g)
       FROM generate_series(1, $1::int) g`,
    [o.exchanges],
  );
  // The reader belongs to 20 exchanges; every author to the first one (the big threads' home),
  // and to a few others.
  await step(
    'memberships',
    `WITH e AS (SELECT id, row_number() OVER (ORDER BY title) AS n FROM exchanges),
          a AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM practitioners WHERE email LIKE 'author-%')
     INSERT INTO exchange_members (exchange_id, practitioner_id, role)
     SELECT e.id, $1::uuid, 'participant' FROM e WHERE e.n <= $2
     UNION ALL
     SELECT e.id, a.id, 'participant' FROM e JOIN a ON e.n = 1 OR (e.n > 1 AND a.n % 10 = e.n % 10)`,
    [reader, o.memberOf],
  );
  const regular = o.threads - o.bigThreads;
  const regularPosts = o.posts - o.bigThreads * o.bigThreadPosts;
  // Regular threads get 2..(2k-2) posts around the mean, so the total is about `posts`.
  const mean = Math.max(2, Math.round(regularPosts / regular));
  await step(
    `${o.threads} threads`,
    `WITH e AS (SELECT id, row_number() OVER (ORDER BY title) AS n FROM exchanges),
          a AS (SELECT id, row_number() OVER (ORDER BY email) AS n FROM practitioners WHERE email LIKE 'author-%')
     INSERT INTO threads (id, exchange_id, author_id, created_by_id, client_id, kind, title, language,
                          last_seq, created_at, last_activity_at)
     SELECT bench_uuid('thread-' || g),
            CASE WHEN g <= $4 THEN (SELECT id FROM e WHERE n = 1)
                 WHEN g % 11 = 0 THEN NULL
                 ELSE (SELECT id FROM e WHERE n = 1 + g % $5) END,
            (SELECT id FROM a WHERE n = 1 + g % $6), (SELECT id FROM a WHERE n = 1 + g % $6),
            'bench-thread-' || g,
            (ARRAY['discussion', 'question', 'lesson-learned'])[1 + g % 3],
            'Bench thread ' || g || ' on ' || (ARRAY['online hate', 'returnees', 'youth work', 'polarization'])[1 + g % 4],
            (ARRAY['en', 'fr', 'nl', 'de'])[1 + g % 4],
            CASE WHEN g <= $4 THEN $2::int ELSE 2 + (g * 7919) % greatest(1, 2 * $3 - 3) END,
            now() - make_interval(days => 365) + make_interval(secs => g * 1500),
            now()
       FROM generate_series(1, $1::int) g`,
    [o.threads, o.bigThreadPosts, mean, o.bigThreads, o.exchanges, authors],
  );
  await step(
    'posts',
    `WITH a AS (SELECT array_agg(id ORDER BY email) AS ids FROM practitioners WHERE email LIKE 'author-%')
     INSERT INTO posts (id, thread_id, seq, parent_id, branch_id, depth, author_id, client_id, body,
                        language, created_at, deleted_at)
     SELECT bench_uuid(t.id::text || '-' || s), t.id, s,
            CASE WHEN s = 1 THEN NULL
                 WHEN (s - 2) % 5 = 0 THEN bench_uuid(t.id::text || '-1')
                 ELSE bench_uuid(t.id::text || '-' || (s - (s - 2) % 5)) END,
            CASE WHEN s = 1 THEN NULL ELSE bench_uuid(t.id::text || '-' || (s - (s - 2) % 5)) END,
            CASE WHEN s = 1 THEN 0 WHEN (s - 2) % 5 = 0 THEN 1 ELSE 2 END,
            a.ids[1 + (s * 31 + length(t.title)) % $1],
            'bench-' || s,
            CASE WHEN s % 97 = 0 AND s > 1 THEN ''
                 ELSE 'Post ' || s || ': what we learned about ' || t.title || ' — the families, the schools, the police and the mayor''s office each had a part; here is what worked and what did not.' END,
            t.language,
            t.created_at + make_interval(mins => s * 3),
            CASE WHEN s % 97 = 0 AND s > 1 THEN now() END
       FROM a, threads t CROSS JOIN LATERAL generate_series(1, t.last_seq) s`,
    [authors],
  );
  await step(
    'reply counts',
    `UPDATE posts p SET reply_count = c.n
       FROM (SELECT parent_id, count(*)::int AS n FROM posts WHERE parent_id IS NOT NULL GROUP BY parent_id) c
      WHERE p.id = c.parent_id`,
  );
  await step(
    'thread counters',
    `UPDATE threads t SET first_post_id = bench_uuid(t.id::text || '-1'),
            reply_count = c.visible - 1,
            last_activity_at = date_trunc('milliseconds', c.latest)
       FROM (SELECT thread_id, count(*) FILTER (WHERE deleted_at IS NULL)::int AS visible,
                    max(created_at) AS latest FROM posts GROUP BY thread_id) c
      WHERE t.id = c.thread_id`,
  );
  await step(
    'participants',
    `INSERT INTO thread_participants (thread_id, practitioner_id, post_count, last_posted_at)
     SELECT thread_id, author_id, count(*) FILTER (WHERE deleted_at IS NULL), max(created_at)
       FROM posts GROUP BY thread_id, author_id`,
  );
  await step(
    "the reader's read positions",
    `INSERT INTO thread_readers (practitioner_id, thread_id, last_read_seq, last_visit_at)
     SELECT $1::uuid, t.id, (t.last_seq * ((abs(hashtext(t.id::text)) % 100) / 100.0))::int, now()
       FROM threads t
      WHERE (t.exchange_id IS NULL OR t.exchange_id IN (SELECT exchange_id FROM exchange_members WHERE practitioner_id = $1))
        AND abs(hashtext(t.id::text)) % 10 < 6`,
    [reader],
  );
  const bigThread = (await db.query(`SELECT bench_uuid('thread-1') AS id`)).rows[0].id;
  await step(
    `${o.watchers} watchers of a big thread`,
    `INSERT INTO thread_readers (practitioner_id, thread_id, last_read_seq, follow_level)
     SELECT id, $1, 0, 'watching' FROM practitioners
      WHERE email LIKE 'author-%' ORDER BY email OFFSET 1 LIMIT $2`,
    [bigThread, o.watchers],
  );
  const writer = (
    await db.query(
      `SELECT id FROM practitioners WHERE email LIKE 'author-%' ORDER BY email LIMIT 1`,
    )
  ).rows[0].id;
  await db.query(`SET session_replication_role = DEFAULT`);
  // As autovacuum would leave it: statistics, and the visibility map that index-only scans need.
  await step('vacuum analyze', 'VACUUM ANALYZE');
  const counts = (
    await db.query(
      `SELECT (SELECT count(*) FROM threads)::int AS threads, (SELECT count(*) FROM posts)::int AS posts,
              (SELECT max(last_seq) FROM threads)::int AS biggest`,
    )
  ).rows[0];
  await db.query(`CREATE TABLE bench_seed (sizes text, reader uuid, writer uuid, big_thread uuid,
    seconds numeric)`);
  await db.query('INSERT INTO bench_seed VALUES ($1, $2, $3, $4, $5)', [
    seedSizes(),
    reader,
    writer,
    bigThread,
    (Date.now() - t0) / 1000,
  ]);
  say(
    `  seeded ${fmt(counts.threads, 0)} threads, ${fmt(counts.posts, 0)} posts (largest thread ${fmt(counts.biggest, 0)}) in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  return { reader, writer, bigThread, seedSeconds: (Date.now() - t0) / 1000 };
}

/** A copy of kept data: its seed's people and big thread. */
async function kept(db) {
  const { rows } = await db.query(
    'SELECT reader, writer, big_thread AS "bigThread", seconds FROM bench_seed',
  );
  const { reader, writer, bigThread, seconds } = rows[0];
  say(`  seed: kept (it took ${Number(seconds).toFixed(0)} s)`);
  return { reader, writer, bigThread, seedSeconds: Number(seconds) };
}

// ---------------------------------------------------------------- the raw SQL baselines

/** Beside a thread `t` and the reader's row `r`: unread count, participants (count, latest five), themes. */
const THREAD_COUNTS = `
  t.last_seq - coalesce(r.last_read_seq, 0) - (
           SELECT count(*) FROM posts x WHERE x.thread_id = t.id AND x.seq > coalesce(r.last_read_seq, 0)
              AND (x.deleted_at IS NOT NULL OR x.hidden_at IS NOT NULL)) AS unread,
         (SELECT count(*) FROM thread_participants tp WHERE tp.thread_id = t.id AND tp.post_count > 0) AS participant_count,
         (SELECT json_agg(p.display_name) FROM (SELECT pp.display_name FROM thread_participants tp
             JOIN practitioners pp ON pp.id = tp.practitioner_id
            WHERE tp.thread_id = t.id AND tp.post_count > 0 ORDER BY tp.last_posted_at DESC LIMIT 5) p) AS participants,
         (SELECT json_agg(th.slug) FROM thread_themes tt JOIN themes th ON th.id = tt.theme_id WHERE tt.thread_id = t.id) AS themes`;

/** The list's answer (threads with author, place, unread count, participants, themes), by hand. */
const LIST_SQL = `
  SELECT t.id, t.title, t.kind, t.language, t.reply_count, t.last_activity_at, t.pinned_at,
         t.locked_at, t.answer_post_id, e.title AS exchange_title, au.display_name AS author,
         r.last_read_seq,
         ${THREAD_COUNTS}
    FROM threads t
    JOIN practitioners au ON au.id = t.author_id
    LEFT JOIN exchanges e ON e.id = t.exchange_id
    LEFT JOIN thread_readers r ON r.thread_id = t.id AND r.practitioner_id = $1
   WHERE t.merged_into_id IS NULL AND t.deleted_at IS NULL AND t.hidden_at IS NULL
     AND (t.exchange_id IS NULL OR t.exchange_id IN (SELECT exchange_id FROM exchange_members WHERE practitioner_id = $1))
   ORDER BY (t.pinned_at IS NOT NULL) DESC, t.last_activity_at DESC, t.id DESC
   LIMIT 21`;

/** A thread's first page (opening post, 20 top-level replies, 10 of each branch), by hand. */
const PAGE_SQL = `
  WITH top AS (
    SELECT id FROM posts WHERE thread_id = $1 AND depth = 1 ORDER BY seq LIMIT 21
  ), shown AS (
    SELECT id FROM posts WHERE thread_id = $1 AND depth = 0
    UNION ALL
    SELECT b.id FROM top CROSS JOIN LATERAL (
      SELECT x.id FROM posts x WHERE x.branch_id = top.id ORDER BY x.seq LIMIT 11) b
  )
  SELECT p.id, p.seq, p.parent_id, p.depth, p.body, p.language, p.created_at, p.edited_at,
         p.deleted_at, p.reply_count, au.display_name, c.name AS city,
         (SELECT count(*) FROM posts b WHERE b.branch_id = p.id AND b.id <> p.id) AS branch_size,
         (SELECT json_agg(json_build_object('r', pr.reaction, 'by', pr.practitioner_id))
            FROM post_reactions pr WHERE pr.post_id = p.id) AS reactions
    FROM shown JOIN posts p ON p.id = shown.id
    JOIN practitioners au ON au.id = p.author_id LEFT JOIN cities c ON c.id = au.city_id
   ORDER BY p.seq`;

/**
 * The page's thread, as its header shows it to the reader ($2), by hand: the thread with its
 * author and place, the reader's membership, mute and read position with the unread count, the
 * participants (count and latest five) and themes. The server asks it beside the page's posts.
 */
const THREAD_SQL = `
  SELECT t.id, t.title, t.kind, t.language, t.reply_count, t.last_seq, t.last_activity_at,
         t.pinned_at, t.locked_at, t.answer_post_id, t.hidden_at, t.merged_into_id, t.created_at,
         au.display_name AS author, ac.name AS author_city, e.title AS exchange_title,
         e.attribution, e.status, m.role,
         EXISTS (SELECT 1 FROM thread_mutes mu WHERE mu.practitioner_id = $2 AND mu.until > now()
                  AND mu.exchange_id IS NOT DISTINCT FROM t.exchange_id) AS muted,
         r.last_read_seq, r.last_visit_at, r.follow_level,
         ${THREAD_COUNTS}
    FROM threads t
    JOIN practitioners au ON au.id = t.author_id LEFT JOIN cities ac ON ac.id = au.city_id
    LEFT JOIN exchanges e ON e.id = t.exchange_id
    LEFT JOIN exchange_members m ON m.exchange_id = t.exchange_id AND m.practitioner_id = $2
    LEFT JOIN thread_readers r ON r.thread_id = t.id AND r.practitioner_id = $2
   WHERE t.id = $1`;

/** A reply with its counters, participation, read position and 200 watchers' notifications. */
async function rawReply(db, threadId, writer, n) {
  await db.query('BEGIN');
  try {
    const { rows } = await db.query(
      `UPDATE threads SET last_seq = last_seq + 1, reply_count = reply_count + 1,
              last_activity_at = date_trunc('milliseconds', now())
        WHERE id = $1 RETURNING last_seq, first_post_id, title`,
      [threadId],
    );
    const { last_seq: seq, first_post_id: parent, title } = rows[0];
    await db.query('UPDATE posts SET reply_count = reply_count + 1 WHERE id = $1', [parent]);
    const id = randomUUID();
    await db.query(
      `INSERT INTO posts (id, thread_id, seq, parent_id, branch_id, depth, author_id, client_id, body, language)
       VALUES ($1, $2, $3, $4, $1, 1, $5, $6, $7, 'en')`,
      [
        id,
        threadId,
        seq,
        parent,
        writer,
        `raw-${n}-${Date.now()}`,
        'A raw reply to measure against.',
      ],
    );
    await db.query(
      `INSERT INTO thread_participants (thread_id, practitioner_id, post_count, last_posted_at)
       VALUES ($1, $2, 1, now()) ON CONFLICT (thread_id, practitioner_id)
       DO UPDATE SET post_count = thread_participants.post_count + 1, last_posted_at = now()`,
      [threadId, writer],
    );
    await db.query(
      `INSERT INTO thread_readers (practitioner_id, thread_id, last_read_seq) VALUES ($1, $2, $3)
       ON CONFLICT (practitioner_id, thread_id) DO UPDATE SET last_read_seq = greatest(thread_readers.last_read_seq, EXCLUDED.last_read_seq)`,
      [writer, threadId, seq],
    );
    await db.query(
      `INSERT INTO notifications (recipient_id, kind, text, data, dedupe_key)
       SELECT practitioner_id, 'reply', $3, jsonb_build_object('threadId', $5::text, 'postId', $2::text), 'post:' || $2
         FROM thread_readers WHERE thread_id = $1 AND follow_level = 'watching' AND practitioner_id <> $4
       ON CONFLICT DO NOTHING`,
      [threadId, id, `Someone posted in "${title}".`, writer, threadId],
    );
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

// ---------------------------------------------------------------- measuring

async function timed(rounds, warmup, task) {
  for (let i = 0; i < warmup; i++) await task(i);
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const started = process.hrtime.bigint();
    await task(i);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}

async function main() {
  say(`== bench:threads${o.scale < 1 ? ` (scale ${o.scale}: that share of the data)` : ''}`);
  say(
    `  machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load ${loadAverage()}`,
  );
  const { url, name, seeded } = await database();
  say(
    `  database: ${name}${seeded ? ` (a copy of ${KEPT}, seeded earlier with these sizes)` : ''}`,
  );
  const migrate = spawn(process.execPath, [path.join(root, 'dist/apps/api/src/migrate.js')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await new Promise((resolve, reject) =>
    migrate.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`migrate: ${code}`)),
    ),
  );
  let db = new pg.Client({ connectionString: url });
  await db.connect();
  const { reader, writer, bigThread, seedSeconds } = seeded ? await kept(db) : await seed(db);
  if (!seeded && o.keep) {
    await db.end();
    await keepSeed();
    db = new pg.Client({ connectionString: url });
    await db.connect();
  }
  cleanups.push(() => db.end());
  // A second connection, for the page's thread asked beside its posts (as the server does).
  const side = new pg.Client({ connectionString: url });
  await side.connect();
  cleanups.push(() => side.end());
  const sessions = (
    await db.query(
      `INSERT INTO refresh_tokens (practitioner_id, family_id, token_hash, expires_at)
       SELECT p, gen_random_uuid(), md5(random()::text) || md5(random()::text), now() + interval '1 day'
         FROM unnest($1::uuid[]) p RETURNING practitioner_id, family_id`,
      [[reader, writer]],
    )
  ).rows;
  const sid = new Map(sessions.map((r) => [r.practitioner_id, r.family_id]));

  const port = await freePort();
  const secret = randomBytes(32).toString('base64url');
  // BENCH_SERVER_NODE_ARGS: Node options for the server alone (e.g. `--cpu-prof`, to see where
  // its time goes).
  const { child: server, dataDir } = spawnApi({
    root,
    name: 'bench-threads',
    port,
    databaseUrl: url,
    secret,
    nodeArgs: (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
  });
  children.add(server);
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(`${base}/health`, server);
  const readerToken = signAccessToken(secret, reader, sid.get(reader));
  const writerToken = signAccessToken(secret, writer, sid.get(writer));
  const client = httpClient(base);
  cleanups.push(async () => client.close());
  const get = async (pathname, token) => {
    const res = await client.request('GET', pathname, { token });
    if (!res.ok) throw new Error(`GET ${pathname}: ${res.status} ${res.text}`);
    return res.json;
  };
  // Timed: until the answer's last byte, as the baselines time until their last row; the
  // answers were compared once, untimed, and parsing a page's JSON is the client's work.
  const answered = async (pathname, token) => {
    const res = await client.request('GET', pathname, { token, parse: false });
    if (!res.ok) throw new Error(`GET ${pathname}: ${res.status} ${res.text}`);
  };
  const warm = Math.max(5, Math.round(o.rounds / 10));

  // What any signed-in request costs here (HTTP, the token, the account and session checks), beside
  // the rows below: the floor under every server figure.
  const floor = await timed(o.rounds, warm, () => answered('/api/me', readerToken));
  const rows = [];
  const list = await get('/api/threads?limit=20', readerToken);
  const listSql = (await db.query(LIST_SQL, [reader])).rows;
  if (list.items.length !== 20 || listSql.length !== 21)
    throw new Error('the list and its baseline do not answer alike');
  if (list.items[0].id !== listSql[0].id || list.items[0].unreadCount !== Number(listSql[0].unread))
    throw new Error('the list and its baseline disagree on the first thread');
  rows.push({
    what: 'thread list with unread counts (member of 20 exchanges)',
    server: await timed(o.rounds, warm, () => answered('/api/threads?limit=20', readerToken)),
    sql: await timed(o.rounds, warm, () => db.query(LIST_SQL, [reader])),
    prepared: await timed(o.rounds, warm, () =>
      db.query({ name: 'bench-list', text: LIST_SQL, values: [reader] }),
    ),
    target: 30,
  });
  const page = await get(`/api/threads/${bigThread}`, readerToken);
  const pageSql = (await db.query(PAGE_SQL, [bigThread])).rows;
  // The baseline also reads the 21st top-level reply's branch, as the server's look-ahead does.
  if (page.posts.length === 0 || page.posts.length > pageSql.length)
    throw new Error('the page and its baseline do not answer alike');
  const header = (await side.query(THREAD_SQL, [bigThread, reader])).rows;
  if (header.length !== 1 || header[0].title !== page.thread.title)
    throw new Error('the page and its baseline disagree on the thread');
  // The same answer by hand is the thread's header and its posts, asked at once on two
  // connections as the server asks them; the posts alone are printed below as well.
  rows.push({
    what: `first page of a ${fmt(o.bigThreadPosts, 0)}-post thread`,
    server: await timed(o.rounds, warm, () => answered(`/api/threads/${bigThread}`, readerToken)),
    sql: await timed(o.rounds, warm, () =>
      Promise.all([side.query(THREAD_SQL, [bigThread, reader]), db.query(PAGE_SQL, [bigThread])]),
    ),
    postsAlone: await timed(o.rounds, warm, () => db.query(PAGE_SQL, [bigThread])),
    prepared: await timed(o.rounds, warm, () =>
      Promise.all([
        side.query({ name: 'bench-thread', text: THREAD_SQL, values: [bigThread, reader] }),
        db.query({ name: 'bench-page', text: PAGE_SQL, values: [bigThread] }),
      ]),
    ),
    target: 30,
  });
  const reply = async (i) => {
    const res = await client.request('POST', `/api/threads/${bigThread}/posts`, {
      token: writerToken,
      body: {
        body: `Bench reply ${i}`,
        language: 'en',
        clientId: `bench-${i}-${randomBytes(6).toString('hex')}`,
      },
    });
    if (res.status !== 201) throw new Error(`POST reply: ${res.status} ${res.text}`);
  };
  const before = Number((await db.query('SELECT count(*) FROM notifications')).rows[0].count);
  rows.push({
    what: `a reply in a thread with ${o.watchers} watchers`,
    server: await timed(o.postRounds, 5, reply),
    sql: await timed(o.postRounds, 5, (i) => rawReply(db, bigThread, writer, i)),
    target: 50,
  });
  const told =
    Number((await db.query('SELECT count(*) FROM notifications')).rows[0].count) - before;
  say(`  notifications written: ${fmt(told, 0)} (${o.watchers} per reply)`);

  say('');
  say(
    '| measure | server p50 ms | p95 ms | p99 ms | raw SQL p50 ms | p95 ms | p99 ms | server/SQL p95 | target |',
  );
  say('| --- | --: | --: | --: | --: | --: | --: | --: | --- |');
  for (const r of rows)
    say(
      `| ${r.what} | ${fmt(r.server.p50)} | ${fmt(r.server.p95)} | ${fmt(r.server.p99)} | ${fmt(r.sql.p50)} | ${fmt(r.sql.p95)} | ${fmt(r.sql.p99)} | ${fmt(r.server.p95 / r.sql.p95, 2)} | p95 ≤ ${r.target} ms${r.target === 30 ? ', ≤ 2× SQL' : ''} |`,
    );
  // The server runs its reads as named (prepared) statements, planned once per connection; the
  // baseline above is planned at every call, as a hand-written query usually is. The same
  // baseline prepared, for the reader who wants the database's own floor:
  for (const r of rows.filter((row) => row.prepared))
    say(
      `  raw SQL prepared, ${r.what}: p50 ${fmt(r.prepared.p50)} ms, p95 ${fmt(r.prepared.p95)} ms (server/prepared p95 ${fmt(r.server.p95 / r.prepared.p95, 2)})`,
    );
  for (const r of rows.filter((row) => row.postsAlone))
    say(
      `  raw SQL, the posts alone (without the thread's header), ${r.what}: p50 ${fmt(r.postsAlone.p50)} ms, p95 ${fmt(r.postsAlone.p95)} ms (server/that p95 ${fmt(r.server.p95 / r.postsAlone.p95, 2)})`,
    );
  say(
    `  seed: ${fmt(o.threads, 0)} threads, ${fmt(o.posts, 0)} posts in ${seedSeconds.toFixed(0)} s${seeded ? ' (an earlier run; this one copied it)' : ''}`,
  );
  say(
    `\n  floor: an authenticated GET /api/me takes p50 ${fmt(floor.p50)} ms, p95 ${fmt(floor.p95)} ms on this machine now`,
  );
  say('');
  for (const r of rows) {
    const ok = r.server.p95 <= r.target && (r.target !== 30 || r.server.p95 <= 2 * r.sql.p95);
    say(`  ${ok ? 'meets' : 'MISSES'} its target: ${r.what}`);
  }
}

main()
  .then(cleanup)
  .catch(async (error) => {
    say(`bench:threads failed: ${error.stack ?? error.message}`);
    await cleanup();
    process.exit(1);
  });
