// `npm run bench:live`: the same load generator against a bare socket.io server (the baseline)
// and against the real API with PostgreSQL, one after the other on this machine; prints each
// step and a side-by-side table. Options (flags or environment): --members=2000 --room-size=50
// --sender-share=0.5 --steps=100,250,500,750,1000 --step-seconds=10 --bare-steps=…
// --only=both|bare|real --quick (200 members, two short steps: a smoke run).
// BENCH_ADMIN_DATABASE_URL: where to create the throwaway database (default the local
// PostgreSQL as postgres); BENCH_SERVER_NODE_FLAGS: extra node flags for the API (--cpu-prof…);
// BENCH_SERVER_STDOUT: a file for what the API prints (with --trace-gc, its collections).
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { fork, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { benchOptions, loadAverage } from './common.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const options = benchOptions();
const children = new Set();
const cleanups = [];

const fmt = (n, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';

function say(line) {
  process.stdout.write(`${line}\n`);
}

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function stopChild(child, graceMs = 8000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

async function cleanup() {
  for (const child of [...children]) await stopChild(child);
  for (const step of cleanups.splice(0).reverse())
    await step().catch((e) => say(`cleanup: ${e.message}`));
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    say(`${signal}: stopping the bench`);
    void cleanup().then(() => process.exit(130));
  });
}

/** Waits for a line on the child's stdout that matches. */
function waitForLine(child, pattern, timeoutMs, label) {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => reject(new Error(`${label}: not ready within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onData = (chunk) => {
      buffer += chunk.toString();
      const match = pattern.exec(buffer);
      if (match) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        resolve(match);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${label} exited (${code}) before it was ready`)),
    );
  });
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

/** Runs the load generator (a separate process) against `url` and prints each step. */
function generate(label, url, serverPid, members, steps, database = null) {
  return new Promise((resolve, reject) => {
    const child = track(fork(path.join(here, 'load-generator.mjs'), [], { stdio: 'inherit' }));
    child.on('message', (message) => {
      if (message.type === 'log') say(`  [${label}] ${message.line}`);
      else if (message.type === 'step') printStep(label, message.result);
      else if (message.type === 'done') resolve(message.result);
      else if (message.type === 'failed') reject(new Error(message.error));
    });
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
    child.send({
      type: 'run',
      config: {
        url,
        serverPid,
        database,
        members,
        steps,
        p99TargetMs: options.p99TargetMs,
        stepSeconds: options.stepSeconds,
        senderShare: options.senderShare,
        bodyBytes: options.bodyBytes,
      },
    });
  });
}

function printStep(label, r) {
  const errors = Object.entries(r.errors)
    .map(([code, n]) => `${code}×${n}`)
    .join(' ');
  say(
    `  [${label}] step ${fmt(r.targetRate)}/s: inbound ${fmt(r.inboundPerSecond)}/s, deliveries ${fmt(r.deliveriesPerSecond)}/s, ` +
      `latency first second p50 ${fmt(r.first.p50, 1)} p95 ${fmt(r.first.p95, 1)} p99 ${fmt(r.first.p99, 1)} ms, ` +
      `after it p50 ${fmt(r.rest.p50, 1)} p95 ${fmt(r.rest.p95, 1)} p99 ${fmt(r.rest.p99, 1)} ms, server CPU ${fmt(r.serverCpuPercent)}% RSS ${fmt(r.serverRssMb)} MB, ${label === 'real' ? `PostgreSQL CPU ${fmt(r.databaseCpuPercent)}%, ` : ''}` +
      `machine ${fmt(r.machineBusyPercent)}% busy, generator CPU ${fmt(r.generatorCpuPercent)}%, missing ${r.missing}, errors ${errors || '0'}`,
  );
}

/** A step is sustained when it kept the rate, lost nothing, erred nowhere and met the p99 target. */
function sustained(result) {
  if (!result) return null;
  const ok = result.steps.filter(
    (s) =>
      s.inboundPerSecond >= s.targetRate * 0.95 &&
      s.missing === 0 &&
      Object.keys(s.errors).length === 0 &&
      s.p99 <= options.p99TargetMs,
  );
  return ok.length ? ok[ok.length - 1] : null;
}

// ---------------------------------------------------------------- bare socket.io baseline

async function benchBare() {
  say(`\n== bare socket.io server (no auth, no validation, no persistence)`);
  const port = await freePort();
  const server = track(
    spawn(process.execPath, [path.join(here, 'bare-server.mjs'), String(port)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  await waitForLine(server, /listening (\d+)/, 10_000, 'bare server');
  const members = [];
  const rooms = Array.from({ length: options.rooms }, () => randomUUID());
  for (let i = 0; i < options.members; i += 1) {
    members.push({
      token: 'none',
      person: person(randomUUID(), i),
      roomId: rooms[Math.floor(i / options.roomSize)],
    });
  }
  try {
    return await generate(
      'bare',
      `http://127.0.0.1:${port}`,
      server.pid,
      members,
      options.bareSteps,
    );
  } finally {
    await stopChild(server);
  }
}

function person(id, i) {
  return {
    id,
    displayName: `Bench member ${i + 1}`,
    position: 'practitioner',
    timeZone: 'UTC',
    city: {
      id: randomUUID(),
      name: i % 2 ? 'Minneapolis' : 'Rotterdam',
      countryCode: i % 2 ? 'US' : 'NL',
      region: i % 2 ? 'north-america' : 'europe',
    },
  };
}

// ---------------------------------------------------------------- the real API

async function database() {
  const adminUrl =
    process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    const name = `crossings_bench_${Date.now()}`;
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    cleanups.push(async () => {
      const drop = new pg.Client({ connectionString: adminUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    });
    return { url: url.toString(), where: `the machine's PostgreSQL (throwaway database ${name})` };
  } catch (error) {
    await admin.end().catch(() => undefined);
    say(
      `  no PostgreSQL at ${new URL(adminUrl).host} (${error.message}): starting an embedded one`,
    );
    const { startEmbeddedDatabase } = await import(
      path.join(root, 'dist/libs/persistence/src/index.js')
    );
    // In the repository's .data, like the app's own embedded database (initdb must reach it).
    const dir = path.join(root, '.data', `bench-${process.pid}`);
    const embedded = await startEmbeddedDatabase({
      dataDir: path.join(dir, 'postgres'),
      database: 'crossings_bench',
    });
    cleanups.push(async () => {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    });
    return { url: embedded.url, where: 'embedded PostgreSQL' };
  }
}

/** An access token like the API's own, naming the member's signed-in session (`sid`). */
function signAccessToken(secret, sub, sid) {
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, role: 'member', iam: Date.now(), iat, exp: iat + 6 * 3600, sid })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

/** 2,000 members in 40 exchanges of 50, each exchange with its lobby: straight into the tables. */
async function seed(url, secret) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const cities = (
      await db.query(
        `INSERT INTO cities (name, country_code, region, time_zone, languages)
         VALUES ('Bench Rotterdam', 'NL', 'europe', 'Europe/Amsterdam', '{nl,en}'),
                ('Bench Minneapolis', 'US', 'north-america', 'America/Chicago', '{en}')
         RETURNING id`,
      )
    ).rows.map((r) => r.id);
    const people = (
      await db.query(
        `INSERT INTO practitioners (email, display_name, network_role, status, position, city_id, languages, time_zone)
         SELECT 'bench-' || g || '@bench.example', 'Bench member ' || g, 'member', 'active', 'practitioner',
                CASE WHEN g % 2 = 0 THEN $1::uuid ELSE $2::uuid END, '{en}', 'UTC'
           FROM generate_series(1, $3::int) g ORDER BY g
         RETURNING id`,
        [cities[0], cities[1], options.members],
      )
    ).rows.map((r) => r.id);
    const exchanges = (
      await db.query(
        `INSERT INTO exchanges (title, status, attribution)
         SELECT 'Bench exchange ' || g, 'active', 'named' FROM generate_series(1, $1::int) g ORDER BY g
         RETURNING id`,
        [options.rooms],
      )
    ).rows.map((r) => r.id);
    const memberExchange = people.map((_, i) => exchanges[Math.floor(i / options.roomSize)]);
    await db.query(
      `INSERT INTO exchange_members (exchange_id, practitioner_id, role)
       SELECT e, p, 'participant' FROM unnest($1::uuid[], $2::uuid[]) AS t(e, p)`,
      [memberExchange, people],
    );
    const lobbies = new Map(
      (
        await db.query(
          `INSERT INTO rooms (exchange_id, kind) SELECT e, 'lobby' FROM unnest($1::uuid[]) e RETURNING id, exchange_id`,
          [exchanges],
        )
      ).rows.map((r) => [r.exchange_id, r.id]),
    );
    // A signed-in session per member: the API refuses tokens whose session has ended.
    const sessions = new Map(
      (
        await db.query(
          `INSERT INTO refresh_tokens (practitioner_id, family_id, token_hash, expires_at)
           SELECT p, gen_random_uuid(), md5(random()::text) || md5(random()::text), now() + interval '1 day'
             FROM unnest($1::uuid[]) p
           RETURNING practitioner_id, family_id`,
          [people],
        )
      ).rows.map((r) => [r.practitioner_id, r.family_id]),
    );
    return people.map((id, i) => ({
      token: signAccessToken(secret, id, sessions.get(id)),
      person: null,
      roomId: lobbies.get(memberExchange[i]),
    }));
  } finally {
    await db.end();
  }
}

async function benchReal(sendPerSecond, sendBurst) {
  say(
    `\n== Crossings API (auth, validation, membership check, rate limit, PostgreSQL commit per message)`,
  );
  const main = path.join(root, 'dist/apps/api/src/main.js');
  const { url: databaseUrl, where } = await database();
  say(`  database: ${where}`);
  const port = await freePort();
  const secret = randomBytes(32).toString('base64url');
  const server = track(
    // BENCH_SERVER_NODE_FLAGS passes flags to the API's node, e.g. --cpu-prof to profile it.
    spawn(
      process.execPath,
      [...(process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean), main],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: {
          ...process.env,
          NODE_ENV: 'production',
          PORT: String(port),
          DATABASE_URL: databaseUrl,
          JWT_SECRET: secret,
          SEED_DEMO: 'false',
          REDIS_URL: '',
          LOG_LEVEL: 'warn',
          LIVE_SEND_PER_SECOND: String(sendPerSecond),
          LIVE_SEND_BURST: String(sendBurst),
          DATA_DIR: path.join(root, '.data', `bench-${process.pid}`),
        },
      },
    ),
  );
  // BENCH_SERVER_STDOUT=file keeps what the server prints (with --trace-gc, its collections).
  if (process.env.BENCH_SERVER_STDOUT)
    server.stdout.pipe(createWriteStream(process.env.BENCH_SERVER_STDOUT));
  else server.stdout.resume();
  try {
    await waitForHealth(`http://127.0.0.1:${port}/health`, server);
    const members = await seed(databaseUrl, secret);
    return await generate(
      'real',
      `http://127.0.0.1:${port}`,
      server.pid,
      members,
      options.steps,
      new URL(databaseUrl).pathname.slice(1),
    );
  } finally {
    await stopChild(server);
  }
}

async function waitForHealth(url, child) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited (${child.exitCode}) during start`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the API did not become healthy within 120 s');
}

// ---------------------------------------------------------------- the run

function table(bare, real) {
  const rows = [];
  const byRate = (result) => new Map((result?.steps ?? []).map((s) => [s.targetRate, s]));
  const b = byRate(bare);
  const r = byRate(real);
  const cell = (s, f) => (s ? f(s) : '–');
  rows.push(
    '| target msgs/s | server | inbound msgs/s | deliveries/s | 1st s p50 ms | 1st s p95 ms | 1st s p99 ms | rest p50 ms | rest p95 ms | rest p99 ms | server CPU % | server RSS MB | PostgreSQL CPU % | machine busy % | missing | errors |',
  );
  rows.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const rates = [...new Set([...b.keys(), ...r.keys(), ...options.steps])].sort((x, y) => x - y);
  for (const rate of rates) {
    for (const [name, map] of [
      ['bare', b],
      ['real', r],
    ]) {
      const s = map.get(rate);
      if (!s && !(name === 'bare' ? bare : real)) continue;
      rows.push(
        `| ${fmt(rate)} | ${name} | ${cell(s, (x) => fmt(x.inboundPerSecond))} | ${cell(s, (x) => fmt(x.deliveriesPerSecond))} | ${cell(s, (x) => fmt(x.first.p50, 1))} | ${cell(s, (x) => fmt(x.first.p95, 1))} | ${cell(s, (x) => fmt(x.first.p99, 1))} | ${cell(s, (x) => fmt(x.rest.p50, 1))} | ${cell(s, (x) => fmt(x.rest.p95, 1))} | ${cell(s, (x) => fmt(x.rest.p99, 1))} | ${cell(s, (x) => fmt(x.serverCpuPercent))} | ${cell(s, (x) => fmt(x.serverRssMb))} | ${cell(s, (x) => (name === 'bare' ? 'n/a' : fmt(x.databaseCpuPercent)))} | ${cell(s, (x) => fmt(x.machineBusyPercent))} | ${cell(s, (x) => String(x.missing))} | ${cell(s, (x) => String(Object.values(x.errors).reduce((a, c) => a + c, 0)))} |`,
      );
    }
  }
  return rows.join('\n');
}

/**
 * The tail target at the low steps (100 and 250 msgs/s): the real server's p99 at most twice
 * the bare server's plus 10 ms, in the first second of the step and in the rest of it alike.
 */
function tailVerdicts(bare, real) {
  if (!bare || !real) return [];
  const lines = [];
  for (const rate of [100, 250]) {
    const b = bare.steps.find((s) => s.targetRate === rate);
    const r = real.steps.find((s) => s.targetRate === rate);
    if (!b || !r) continue;
    const parts = [
      ['first second', b.first.p99, r.first.p99],
      ['after it', b.rest.p99, r.rest.p99],
    ].map(([part, bareP99, realP99]) => {
      const limit = 2 * bareP99 + 10;
      return `${part} ${fmt(realP99, 1)} ms ${realP99 <= limit ? '<=' : '>'} ${fmt(limit, 1)} ms ${realP99 <= limit ? '✔' : '✘'}`;
    });
    lines.push(`tail at ${rate} msgs/s, real p99 vs 2 × bare p99 + 10 ms: ${parts.join('; ')}`);
  }
  return lines;
}

async function main() {
  const sendersPerRoom = Math.max(1, Math.round(options.roomSize * options.senderShare));
  const senders = sendersPerRoom * options.rooms;
  const perSender = Math.max(...options.steps) / senders;
  // The per-member limit (default 2/s steady + 10 per 10 s burst) is kept in force; it is raised
  // only as far as the highest step needs, so the limiter's cost is measured but it never bites.
  const sendPerSecond = Math.max(2, Math.ceil(perSender * 2));
  const sendBurst = Math.max(10, sendPerSecond * 5);
  const started = new Date();
  say(
    `Live benchmark ${started.toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ` +
      `${fmt(os.totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}, load average ${loadAverage()}`,
  );
  say(
    `${fmt(options.members)} members in rooms of ${options.roomSize} (${options.rooms} rooms), ${senders} senders, ` +
      `steps ${options.steps.join(', ')} msgs/s × ${options.stepSeconds} s, bodies ~${options.bodyBytes + 30} bytes; ` +
      `real server: LIVE_SEND_PER_SECOND=${sendPerSecond} LIVE_SEND_BURST=${sendBurst} (highest step needs ${fmt(perSender, 2)}/s per sender)`,
  );
  let bare = null;
  let real = null;
  try {
    if (options.only !== 'real') bare = await benchBare();
    if (options.only !== 'bare') real = await benchReal(sendPerSecond, sendBurst);
  } finally {
    await cleanup();
  }
  say(`\nResults (${started.toISOString()}, load average now ${loadAverage()}):\n`);
  say(table(bare, real));
  const best = { bare: sustained(bare), real: sustained(real) };
  say('');
  for (const [name, result, s] of [
    ['bare', bare, best.bare],
    ['real', real, best.real],
  ]) {
    if (!result) continue;
    say(
      `${name}: ${result.connected} connected (${result.connectErrors} failed, ${result.connectSeconds.toFixed(1)} s), ` +
        (s
          ? `highest sustained step ${fmt(s.targetRate)} msgs/s → ${fmt(s.deliveriesPerSecond)} deliveries/s at p99 ${fmt(s.p99, 1)} ms`
          : `no step sustained with p99 <= ${options.p99TargetMs} ms`),
    );
  }
  if (best.bare && best.real)
    say(
      `ratio real/bare of sustained deliveries/s: ${fmt(best.real.deliveriesPerSecond / best.bare.deliveriesPerSecond, 2)}`,
    );
  for (const line of tailVerdicts(bare, real)) say(line);
  if (best.bare && best.bare.targetRate === Math.max(...options.bareSteps))
    say('(the baseline sustained the highest step: add higher STEPS to find its ceiling)');
}

main().catch(async (error) => {
  say(`bench failed: ${error.stack ?? error}`);
  await cleanup();
  process.exit(1);
});
