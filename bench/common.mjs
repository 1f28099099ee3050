// Shared helpers of the benchmarks: options, percentiles, /proc sampling of a process, an HTTP client,
// the built API started for a bench.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/** Options from flags (--members=2000) or the environment (MEMBERS=2000); --quick shrinks the run. */
export function benchOptions(argv = process.argv.slice(2), env = process.env) {
  const flags = new Map();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (match) flags.set(match[1].replace(/-/g, '_').toUpperCase(), match[2] ?? 'true');
  }
  const get = (name, fallback) => flags.get(name) ?? env[name] ?? fallback;
  const quick = get('QUICK', 'false') === 'true';
  const num = (name, fallback) => {
    const value = Number(get(name, String(fallback)));
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
    return value;
  };
  const list = (value) =>
    String(value)
      .split(',')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0)
      .sort((a, b) => a - b);
  const steps = list(get('STEPS', quick ? '20,50' : '100,250,500,750,1000'));
  const members = num('MEMBERS', quick ? 200 : 2000);
  const roomSize = num('ROOM_SIZE', 50);
  return {
    quick,
    members,
    roomSize,
    rooms: Math.ceil(members / roomSize),
    senderShare: num('SENDER_SHARE', 0.5),
    steps,
    // The baseline goes on past the real server's steps until it, too, misses the target.
    bareSteps: list(
      get('BARE_STEPS', [...steps, ...(quick ? [] : [1500, 2000, 3000, 4000])].join(',')),
    ),
    stepSeconds: num('STEP_SECONDS', quick ? 3 : 10),
    bodyBytes: num('BODY_BYTES', 120),
    p99TargetMs: num('P99_TARGET_MS', 100),
    only: get('ONLY', 'both'), // both | bare | real
  };
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

const TICKS = 100; // USER_HZ on Linux

/** CPU seconds used so far and resident memory of a process (Linux /proc). */
export function processSample(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / TICKS; // utime + stime
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { at: performance.now(), cpuSeconds, rssMb: rssKb / 1024 };
  } catch {
    return null;
  }
}

/** CPU seconds of each PostgreSQL backend serving `database` (its processes show it in their title). */
export function databaseSample(database) {
  const cpu = new Map();
  if (!database) return cpu;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.startsWith('postgres:') || !cmdline.includes(` ${database} `)) continue;
      const sample = processSample(Number(entry));
      if (sample) cpu.set(entry, sample.cpuSeconds);
    } catch {
      // the process ended meanwhile
    }
  }
  return cpu;
}

/** CPU % (of one core) the backends used between two samples, counting ones that started since. */
export function databaseCpuPercent(before, after, seconds) {
  let used = 0;
  for (const [pid, cpu] of after) used += cpu - (before.get(pid) ?? 0);
  return seconds > 0 ? (used / seconds) * 100 : NaN;
}

/** Machine-wide busy CPU time (all cores), to show what else ran during a step. */
export function machineSample() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = values[3] + (values[4] ?? 0);
  const total = values.reduce((a, b) => a + b, 0);
  return { idle, total };
}

export function loadAverage() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/**
 * A lean HTTP/1.1 client on one kept-alive connection, for timing a server: `fetch` (undici) adds
 * about a millisecond of its own per request on these machines (its Request, Response and stream
 * objects), which no server figure should carry; the raw-SQL baselines go through `pg`, as lean.
 */
export function httpClient(base) {
  const { hostname, port } = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  /** Answers { status, ok, text, json }; `parse: false` leaves the JSON unparsed (json undefined). */
  const request = (method, pathname, { token, body, parse = true } = {}) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (payload !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(payload);
      }
      const req = http.request(
        { hostname, port, path: pathname, method, agent, headers },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const type = String(res.headers['content-type'] ?? '');
            resolve({
              status: res.statusCode,
              ok: res.statusCode >= 200 && res.statusCode < 300,
              text,
              json: parse && type.includes('json') && text ? JSON.parse(text) : undefined,
            });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return { request, close: () => agent.destroy() };
}

/**
 * The built API (`dist/apps/api/src/main.js` under `root`) as a bench runs it: production, no demo
 * data, no Redis, warnings only, its files in `.data/<name>-<pid>` (`dataDir`, for the caller to
 * remove). `nodeArgs` are Node options for the server alone (NODE_OPTIONS refuses `--cpu-prof`).
 */
export function spawnApi({ root, name, port, databaseUrl, secret, nodeArgs = [] }) {
  const dataDir = path.join(root, '.data', `${name}-${process.pid}`);
  const child = spawn(
    process.execPath,
    [...nodeArgs, path.join(root, 'dist/apps/api/src/main.js')],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        JWT_SECRET: secret,
        SEED_DEMO: 'false',
        REDIS_URL: '',
        LOG_LEVEL: 'warn',
        DATA_DIR: dataDir,
      },
    },
  );
  return { child, dataDir };
}
