// `npm start` as a person meets it: the built main.js as a child process with zero setup
// (embedded PostgreSQL in a temporary DATA_DIR). It prints a few lines; an unusable DATA_DIR
// stops it with one sentence; after `kill -9` the next start copes with the PostgreSQL that
// the killed one left running.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/live-nodes.js';

const MAIN_JS = path.resolve('dist/apps/api/src/main.js');
// A child exits when the test process goes away (its stdin closes), even if jest is killed.
const EXIT_WITH_PARENT = `process.stdin.on('end', () => process.kill(process.pid, 'SIGKILL')); process.stdin.resume();`;

const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;
// Root may write anywhere, so as root the unwritable-folder case runs the app as `nobody`, who
// must be able to read the app where it was checked out.
const nobodyCanRunTheApp =
  !asRoot ||
  spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(MAIN_JS)})`], {
    uid: NOBODY,
    gid: NOBODY,
  }).status === 0;
if (!nobodyCanRunTheApp)
  console.warn(`[start-up test] unwritable DATA_DIR skipped: user nobody cannot read ${MAIN_JS}`);

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

const children = new Set<ChildProcess>();
const folders: string[] = [];

function start(dataDir: string, extra: { env?: Record<string, string>; uid?: number } = {}) {
  return freePort().then((port): Started => {
    const child = spawn(
      process.execPath,
      [`--import=data:text/javascript,${encodeURIComponent(EXIT_WITH_PARENT)}`, MAIN_JS],
      {
        cwd: process.cwd(),
        // Nothing from jest's own environment (DATABASE_URL, NODE_OPTIONS) reaches the app.
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: extra.uid === undefined ? (process.env.HOME ?? '/tmp') : '/tmp',
          PORT: String(port),
          DATA_DIR: dataDir,
          NO_COLOR: '1',
          ...extra.env,
        },
        stdio: ['pipe', 'pipe', 'pipe'],
        ...(extra.uid === undefined ? {} : { uid: extra.uid, gid: extra.uid }),
      },
    );
    children.add(child);
    let output = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      stderr += chunk.toString();
    });
    child.stdin?.on('error', () => undefined);
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => {
        children.delete(child);
        resolve(code);
      }),
    );
    return { child, port, output: () => output, stderr: () => stderr, exited };
  });
}

async function healthy(app: Started, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void app.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined)
      throw new Error(`the app exited (${exitCode}) during start:\n${app.output()}`);
    const ok = await fetch(`http://127.0.0.1:${app.port}/health`, {
      signal: AbortSignal.timeout(1_000),
    })
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no healthy /health within ${timeoutMs} ms:\n${app.output()}`);
}

/** A temporary DATA_DIR that PostgreSQL (run as user `postgres` when we are root) can enter. */
function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crossings-start-'));
  chmodSync(dir, 0o755);
  folders.push(dir);
  return dir;
}

function postmasterPid(dir: string): number | null {
  const file = path.join(dir, 'postgres', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
}

function running(pid: number): boolean {
  try {
    // A zombie (exited, not yet reaped by init) counts as gone.
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of folders) {
    const pid = postmasterPid(dir);
    if (pid && running(pid)) process.kill(pid, 'SIGQUIT');
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('start-up', () => {
  beforeAll(() => {
    if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: npm run build:api first`);
  });

  it('stops with one sentence, not a stack trace, when DATA_DIR is a file', async () => {
    const file = path.join(dataDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    const app = await start(file);
    expect(await app.exited).toBe(1);
    expect(lines(app.stderr())).toEqual([
      `DATA_DIR (${file}) cannot be used: it is a file, not a folder.`,
    ]);
  });

  it('stops with one sentence when DATA_DIR lies under a file', async () => {
    const file = path.join(dataDir(), 'plain-file');
    writeFileSync(file, 'x');
    const app = await start(path.join(file, 'data'));
    expect(await app.exited).toBe(1);
    expect(lines(app.stderr())).toEqual([
      `DATA_DIR (${path.join(file, 'data')}) cannot be used: part of its path is a file.`,
    ]);
  });

  (nobodyCanRunTheApp ? it : it.skip)(
    'stops with one sentence when DATA_DIR is not writable',
    async () => {
      const dir = dataDir();
      if (!asRoot) chmodSync(dir, 0o555);
      const app = await start(dir, asRoot ? { uid: NOBODY } : {});
      expect(await app.exited).toBe(1);
      expect(lines(app.stderr())).toEqual([
        `DATA_DIR (${dir}) cannot be used: user ${asRoot ? 'nobody' : os.userInfo().username} may not write there.`,
      ]);
    },
  );
});

describe('a zero-setup start, killed with kill -9, started again', () => {
  const dir = dataDir();
  let first: Started;
  let second: Started;

  beforeAll(async () => {
    first = await start(dir);
    await healthy(first);
  }, 60_000);

  it('prints the few lines a person reads: where it runs, the demo accounts, how to stop', () => {
    const printed = lines(first.output());
    expect(printed.length).toBeLessThanOrEqual(5);
    expect(printed.join('\n')).toMatch(`running at http://localhost:${first.port}`);
    expect(printed.join('\n')).toMatch(/Demo accounts: README\.md/);
    expect(printed.join('\n')).toMatch(/Stop with Ctrl-C/);
    expect(printed.join('\n')).not.toMatch(/Mapped \{|dependencies initialized|subscribed to/);
  });

  it('comes up again after kill -9, stopping the PostgreSQL the killed start left running', async () => {
    const orphan = postmasterPid(dir);
    expect(orphan).not.toBeNull();
    first.child.kill('SIGKILL');
    await first.exited;
    // The precondition of the bug: the killed app's PostgreSQL is still running.
    expect(running(orphan!)).toBe(true);

    second = await start(dir);
    await healthy(second);
    expect(second.output()).toMatch(
      `Stopping PostgreSQL (process ${orphan}) left running in ${path.join(dir, 'postgres')} by an earlier start`,
    );
    expect(running(orphan!)).toBe(false);
    // The demo data survived.
    const signIn = await fetch(`http://127.0.0.1:${second.port}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'mayor.rotterdam@crossings.example',
        password: 'member-demo-2026',
      }),
    });
    expect(signIn.status).toBe(200);
  }, 60_000);

  it('refuses, in one sentence, a second app on the folder of a running one, and leaves that one be', async () => {
    const intruder = await start(dir);
    expect(await intruder.exited).toBe(1);
    expect(lines(intruder.stderr())).toEqual([
      `The database in ${path.join(dir, 'postgres')} is in use by another running Crossings (process ${second.child.pid}): stop that one first, or give this one another DATA_DIR.`,
    ]);
    expect((await fetch(`http://127.0.0.1:${second.port}/health`)).status).toBe(200);
  }, 30_000);

  it('stops with Ctrl-C, and its PostgreSQL with it', async () => {
    const server = postmasterPid(dir)!;
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(running(server)).toBe(false);
  }, 30_000);
});
