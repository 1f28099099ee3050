// Real API nodes as child processes (the built dist/, as deployed) for multi-node tests: each
// on its own port, all sharing one PostgreSQL database, one Redis and one JWT secret.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { TEST_JWT_SECRET } from './test-app.js';

const MAIN_JS = path.resolve('dist/apps/api/src/main.js');
const OUTPUT_LIMIT = 200_000;

// A node exits as soon as the test process goes away (its stdin pipe closes), even when the
// test process itself is killed and cannot run its cleanup.
const EXIT_WITH_PARENT = `process.stdin.on('end', () => process.kill(process.pid, 'SIGKILL')); process.stdin.on('error', () => process.kill(process.pid, 'SIGKILL')); process.stdin.resume();`;

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface LiveNode {
  name: string;
  port: number;
  baseUrl: string;
  pid: number;
  /** Everything the node printed so far (stdout and stderr, interleaved). */
  output(): string;
  /** Resolves once the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning(): boolean;
  /** Sends a signal (SIGKILL for a crash) to this node only. */
  kill(signal?: NodeJS.Signals): void;
  /** Stops the node (SIGTERM, then SIGKILL after a few seconds) and waits for it to exit. */
  close(): Promise<void>;
}

export interface LiveNodeOptions {
  name: string;
  /** The test file's own database (already migrated, e.g. from createTestDatabase()). */
  databaseUrl: string;
  redisUrl: string;
  /** Shared by every node of one test run, unique per run, so runs never hear each other. */
  redisPrefix: string;
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

export function redisPrefixForRun(): string {
  return `crossings-test-${process.pid}-${randomBytes(4).toString('hex')}`;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Deletes the streams and keys a test run's nodes left in Redis under its prefix. */
export async function clearRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** True when a Redis server answers PING at `url` within the timeout. */
export function redisReachable(url: string, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return resolve(false);
    }
    const socket = net.connect(Number(parsed.port || 6379), parsed.hostname);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(/^\+PONG|^-NOAUTH/.test(data.toString())));
  });
}

export async function startLiveNode(options: LiveNodeOptions): Promise<LiveNode> {
  if (!existsSync(MAIN_JS)) {
    throw new Error(
      `${MAIN_JS} is missing: build the API first (npm run build:api; npm test does it)`,
    );
  }
  let lastError: Error | undefined;
  // A free port can be taken between finding it and binding it: try a few.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return await spawnNode(options, await freePort());
    } catch (error) {
      lastError = error as Error;
      if (!/EADDRINUSE/.test(lastError.message)) throw lastError;
    }
  }
  throw lastError;
}

async function spawnNode(options: LiveNodeOptions, port: number): Promise<LiveNode> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `crossings-${options.name}-`));
  // The child gets a clean configuration: nothing from the test process's own environment
  // (NODE_OPTIONS holds jest's VM flags; PORT or DATABASE_URL would point elsewhere).
  const inherited = Object.fromEntries(
    ['PATH', 'HOME', 'TMPDIR', 'TZ', 'LANG']
      .filter((key) => process.env[key] !== undefined)
      .map((key) => [key, process.env[key] as string]),
  );
  const child = spawn(
    process.execPath,
    [`--import=data:text/javascript,${encodeURIComponent(EXIT_WITH_PARENT)}`, MAIN_JS],
    {
      cwd: process.cwd(),
      env: {
        ...inherited,
        NODE_ENV: 'test',
        PORT: String(port),
        DATABASE_URL: options.databaseUrl,
        SEED_DEMO: 'false',
        REDIS_URL: options.redisUrl,
        REDIS_PREFIX: options.redisPrefix,
        JWT_SECRET: TEST_JWT_SECRET,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  child.stdin?.on('error', () => undefined);
  let alive = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      alive = false;
      running.delete(child);
      void rm(dataDir, { recursive: true, force: true });
      resolve({ code, signal });
    });
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const node: LiveNode = {
    name: options.name,
    port,
    baseUrl,
    pid: child.pid ?? -1,
    output: () => output,
    exited,
    isRunning: () => alive,
    kill: (signal: NodeJS.Signals = 'SIGKILL') => {
      if (alive) child.kill(signal);
    },
    close: async () => {
      if (!alive) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
  try {
    await waitForHealth(node, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    node.kill('SIGKILL');
    await exited;
    throw new Error(
      `${options.name} did not start on port ${port}: ${(error as Error).message}\n--- its output ---\n${output}`,
      { cause: error },
    );
  }
  return node;
}

async function waitForHealth(node: LiveNode, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void node.exited.then((e) => (exit = e));
  while (Date.now() < deadline) {
    if (exit) throw new Error(`exited early (code ${exit.code}, signal ${exit.signal})`);
    try {
      const response = await fetch(`${node.baseUrl}/health`, {
        signal: AbortSignal.timeout(1_000),
      });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no healthy /health within ${timeoutMs} ms`);
}

/**
 * Wraps a test so that, when it fails, it prints what each node printed (the last 20,000
 * characters): the nodes' logs explain most failures.
 */
export function explainedBy(nodes: LiveNode[]) {
  return (test: () => Promise<void>) => async () => {
    try {
      await test();
    } catch (error) {
      for (const node of nodes)
        console.log(
          `--- ${node.name} (${node.isRunning() ? 'running' : 'stopped'}) printed ---\n${node.output().slice(-20_000) || '(nothing)'}`,
        );
      throw error;
    }
  };
}
