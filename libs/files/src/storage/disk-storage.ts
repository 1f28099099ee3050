// Files on local disk: DATA_DIR/files/<first two characters of the id>/<id>. An upload is
// written to DATA_DIR/files/.incoming first and renamed into place once complete and synced,
// so a file is either whole or absent.
import { constants } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { type FileStorage, StoredContentMissingError } from './file-storage.js';

export class DiskStorage implements FileStorage {
  readonly kind = 'disk';
  readonly incomingDir: string;

  constructor(private readonly root: string) {
    this.incomingDir = path.join(root, '.incoming');
  }

  private pathOf(key: string): string {
    return path.join(this.root, key.slice(0, 2), key);
  }

  async prepare(): Promise<void> {
    await mkdir(this.incomingDir, { recursive: true, mode: 0o700 });
  }

  async put(key: string, source: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await syncFile(source);
    try {
      await rename(source, target);
    } catch (error) {
      // The incoming folder on another file system (a mount of its own): copy instead.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await copyFile(source, target, constants.COPYFILE_EXCL);
      await syncFile(target);
      await unlink(source);
    }
    await syncFile(path.dirname(target));
  }

  async read(key: string): Promise<Readable> {
    // Opened here, so a missing file is an error now rather than in the middle of an answer.
    const handle = await open(this.pathOf(key), 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new StoredContentMissingError(key) : error;
    });
    return handle.createReadStream();
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

/** fsync: the bytes (or a folder's entries) are on the disk, not only in the page cache. */
async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
