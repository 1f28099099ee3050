// Shared by the files suites: an app with a DATA_DIR of its own (so its files folder holds only
// this suite's files), downloads, and a subject owner registered through the public registry.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Actor } from '#libs/common';
import { FileOwners, FilesService } from '#libs/files';
import type { TestPerson } from '../factories/accounts.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

export interface FilesTestApp extends TestApp {
  dataDir: string;
  filesDir: string;
}

export async function startFilesApp(env: Record<string, string> = {}): Promise<FilesTestApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'crossings-files-'));
  const t = await startTestApp({ DATA_DIR: dataDir, ...env });
  return {
    ...t,
    dataDir,
    filesDir: path.join(dataDir, 'files'),
    close: async () => {
      await t.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every file under DATA_DIR/files, as paths relative to it. */
export async function filesOnDisk(t: FilesTestApp): Promise<string[]> {
  const entries = await readdir(t.filesDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(t.filesDir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Where a stored file's content lies on disk. */
export const contentPath = (id: string) => path.join(id.slice(0, 2), id);

export interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  body: any;
}

export async function download(
  t: TestApp,
  token: string | undefined,
  urlPath: string,
): Promise<Download> {
  const response = await fetch(`${t.baseUrl}${urlPath}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, bytes, body };
}

export const actorOf = (person: TestPerson): Actor => ({
  id: person.id,
  networkRole: person.networkRole,
});

/**
 * A stand-in for posts and practices: "notes", each readable by a set of people, registered
 * with FileOwners exactly as a real owning library would.
 */
export class TestNotes {
  readonly readers = new Map<string, Set<string>>();

  constructor(
    private readonly t: TestApp,
    readonly subjectType = 'note',
  ) {
    t.app.get(FileOwners).register(subjectType, {
      canRead: async (actor, noteId) => this.readers.get(noteId)?.has(actor.id) ?? false,
    });
  }

  create(noteId: string, readers: TestPerson[]): string {
    this.readers.set(noteId, new Set(readers.map((r) => r.id)));
    return noteId;
  }

  /** Attaches in a transaction of the note's own, as the owning library would. */
  attach(author: TestPerson, noteId: string, fileIds: string[]) {
    const files = this.t.app.get(FilesService);
    return this.t.dataSource.transaction((manager) =>
      files.attach(
        manager,
        fileIds,
        { subjectType: this.subjectType, subjectId: noteId },
        actorOf(author),
      ),
    );
  }

  detach(noteId: string, fileIds: string[]) {
    const files = this.t.app.get(FilesService);
    return this.t.dataSource.transaction((manager) =>
      files.detach(manager, fileIds, { subjectType: this.subjectType, subjectId: noteId }),
    );
  }
}

export async function until<T>(
  check: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
