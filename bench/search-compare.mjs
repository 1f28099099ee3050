// `npm run bench:search:compare -- --base=<git ref>`: the search statements of another commit
// and of this tree, run interleaved (one query of each in turn, a pool of two connections each) on the
// corpus `npm run bench:search -- --keep` keeps, so both meet the same machine at the same
// moment: on a shared machine whose speed swings by 2× within minutes, the fair way to say what
// a change to the search saves. Checks that both answer the same total, facets and items.
// Options: --base (default HEAD), --reps=50, --warmup=5. BENCH_ADMIN_DATABASE_URL as bench:search.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadAverage, percentile } from './common.mjs';
import { benchScope, searchQueries, searchRequest } from './search-queries.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const flag = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const BASE = flag('base', 'HEAD');
const REPS = Number(flag('reps', 50));
const WARMUP = Number(flag('warmup', 5));
const KEPT = 'crossings_bench_search_kept';
const say = (line = '') => process.stdout.write(`${line}\n`);

/** The base commit's libraries, built beside this tree (a throwaway worktree). */
function buildBase() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crossings-search-base-'));
  execFileSync('git', ['worktree', 'add', '--detach', dir, BASE], { cwd: root, stdio: 'ignore' });
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit' });
  return {
    dir,
    remove: () => {
      execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: root, stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const adminUrl =
    process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = new URL(adminUrl);
  url.pathname = `/${KEPT}`;
  const commit = execFileSync('git', ['rev-parse', '--short', BASE], { cwd: root })
    .toString()
    .trim();
  say(`== Practice search: ${BASE} (${commit}) against this tree, interleaved on ${KEPT}`);
  say(`   machine: ${os.cpus().length} cores (${os.cpus()[0]?.model}), load ${loadAverage()}`);
  const base = buildBase();
  const clients = [];
  try {
    const before = await import(path.join(base.dir, 'dist/libs/practices/src/index.js'));
    const after = await import(path.join(root, 'dist/libs/practices/src/index.js'));
    const sides = [before, after].map((lib) => {
      // Two connections each, as the API's pool gives a search (whose page and counts may be
      // asked at once).
      const db = new pg.Pool({ connectionString: url.toString(), max: 2 });
      clients.push(db);
      return {
        lib,
        db,
        // An older commit's runSearch takes no facet combinations: the extra argument is ignored.
        sets: lib.FacetSets ? new lib.FacetSets() : undefined,
        run: async (sql, params) => (await db.query(sql, params)).rows,
      };
    });
    const [seed] = (await sides[0].db.query('SELECT * FROM bench_seed')).rows;
    if (!seed?.words)
      throw new Error(`no words kept with ${KEPT}: run npm run bench:search -- --keep first`);
    const scope = await benchScope(sides[0].db, seed.exchanges);
    say(`   ${REPS} runs of each after ${WARMUP} warm-up runs, the two alternating`);
    say('');
    say(
      '| query | base p50 ms | base p95 ms | this tree p50 ms | this tree p95 ms | p50 change | same answer |',
    );
    say('|---|---:|---:|---:|---:|---:|---|');
    for (const { label, query } of searchQueries(...seed.words)) {
      const request = searchRequest(query);
      const times = [[], []];
      const answers = [];
      for (let i = 0; i < WARMUP + REPS; i++)
        for (const [s, side] of sides.entries()) {
          const t = performance.now();
          answers[s] = await side.lib.runSearch(side.run, scope, request, side.sets);
          if (i >= WARMUP) times[s].push(performance.now() - t);
        }
      const [a, b] = times.map((xs) => [...xs].sort((x, y) => x - y));
      const shape = ({ row }) =>
        JSON.stringify({
          total: row.total,
          facets: row.facets.map((f) => f.join('|')).sort(),
          items: row.items.map((i) => i.practice_id),
        });
      const f = (n) => n.toFixed(1);
      say(
        `| ${label} | ${f(percentile(a, 50))} | ${f(percentile(a, 95))} | ${f(percentile(b, 50))} | ${f(percentile(b, 95))} | ${f((100 * (percentile(b, 50) - percentile(a, 50))) / percentile(a, 50))} % | ${shape(answers[0]) === shape(answers[1]) ? 'yes' : 'NO'} |`,
      );
    }
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    base.remove();
  }
}

main().catch((error) => {
  say(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
