// Where outgoing mail goes: an SMTP server (SMTP_URL), or, with nothing configured, a folder of
// .eml files (DATA_DIR/mail) that admins read in the web client, so a fresh start needs no server.
import { Logger } from '@nestjs/common';
import { createTransport, type SendMailOptions, type Transporter } from 'nodemailer';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A message ready to leave: plain text, one recipient. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** A message taken from the outbox: with its id and the moment it was asked for. */
export interface QueuedMail extends MailMessage {
  id: string;
  createdAt: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'folder';
  deliver(mail: QueuedMail): Promise<void>;
  close(): void;
}

/** The message as nodemailer composes it, the same for every transport. */
function composed(mail: QueuedMail, from: string): SendMailOptions {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    // The same id on a retry, so a receiving server may recognise a duplicate.
    messageId: `<${mail.id}@crossings>`,
    date: new Date(mail.createdAt),
  };
}

export class SmtpTransport implements MailTransport {
  readonly kind = 'smtp';
  private readonly transporter: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    // A slow server must not hold a job for ever: give up and let the queue retry.
    this.transporter = createTransport({
      url,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
  }

  async deliver(mail: QueuedMail): Promise<void> {
    await this.transporter.sendMail(composed(mail, this.from));
  }

  close(): void {
    this.transporter.close();
  }
}

/** What the folder keeps beside each .eml, so listing needs no MIME parsing. */
interface FolderEntry {
  id: string;
  to: string;
  subject: string;
  createdAt: string;
  text: string;
}

const FILE_ID = /^\d{8}T\d{6}Z-[0-9a-f-]{36}$/;

/** Mail kept this long in the folder, then removed (it holds addresses and links). */
export const FOLDER_RETENTION_DAYS = 30;

export class FolderTransport implements MailTransport {
  readonly kind = 'folder';
  private readonly logger = new Logger('Mail');
  private readonly composer: Transporter;
  private announced = false;

  constructor(
    readonly folder: string,
    private readonly from: string,
  ) {
    this.composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async deliver(mail: QueuedMail): Promise<void> {
    const info = (await this.composer.sendMail(composed(mail, this.from))) as { message: Buffer };
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    const id = `${mail.createdAt.replace(/[-:]/g, '').replace(/\.\d+/, '')}-${mail.id}`;
    const entry: FolderEntry = {
      id,
      to: mail.to,
      subject: mail.subject,
      createdAt: mail.createdAt,
      text: mail.text,
    };
    // Written under a temporary name, then renamed: a reader never sees half a message.
    await this.writeAtomically(`${id}.eml`, info.message);
    await this.writeAtomically(`${id}.json`, JSON.stringify(entry));
    if (!this.announced) {
      this.announced = true;
      this.logger.log(
        `No SMTP_URL: mail is written to ${this.folder} (admins read it under Outgoing mail).`,
      );
    }
    await this.prune();
  }

  /** The newest messages first. */
  async list(limit = 200): Promise<Omit<FolderEntry, 'text'>[]> {
    const names = await this.jsonFiles();
    const entries: Omit<FolderEntry, 'text'>[] = [];
    for (const name of names.slice(0, limit)) {
      const entry = await this.readEntry(name.replace(/\.json$/, ''));
      if (entry)
        entries.push({
          id: entry.id,
          to: entry.to,
          subject: entry.subject,
          createdAt: entry.createdAt,
        });
    }
    return entries;
  }

  async read(id: string): Promise<FolderEntry | null> {
    return FILE_ID.test(id) ? this.readEntry(id) : null;
  }

  /** Removes every message to an address (an erased account leaves no mail behind). */
  async forget(address: string): Promise<void> {
    const wanted = address.trim().toLowerCase();
    for (const name of await this.jsonFiles()) {
      const id = name.replace(/\.json$/, '');
      const entry = await this.readEntry(id);
      if (entry && entry.to.trim().toLowerCase() === wanted) await this.remove(id);
    }
  }

  /** Writes `name` as `replacement` in every kept message (subject, text and .eml). */
  async redact(name: string, replacement: string): Promise<void> {
    for (const file of await this.jsonFiles()) {
      const entry = await this.readEntry(file.replace(/\.json$/, ''));
      if (!entry || !(entry.subject.includes(name) || entry.text.includes(name))) continue;
      await this.deliver({
        id: entry.id.slice(entry.id.indexOf('-') + 1),
        createdAt: entry.createdAt,
        to: entry.to,
        subject: entry.subject.split(name).join(replacement),
        text: entry.text.split(name).join(replacement),
      });
    }
  }

  close(): void {
    this.composer.close();
  }

  private async prune(): Promise<void> {
    const cutoff = Date.now() - FOLDER_RETENTION_DAYS * 86_400_000;
    for (const name of await this.jsonFiles()) {
      const modified = await stat(path.join(this.folder, name)).catch(() => null);
      if (modified && modified.mtimeMs < cutoff) await this.remove(name.replace(/\.json$/, ''));
    }
  }

  private async jsonFiles(): Promise<string[]> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    return names
      .filter((name) => name.endsWith('.json') && FILE_ID.test(name.slice(0, -5)))
      .sort()
      .reverse();
  }

  private async readEntry(id: string): Promise<FolderEntry | null> {
    try {
      return JSON.parse(
        await readFile(path.join(this.folder, `${id}.json`), 'utf8'),
      ) as FolderEntry;
    } catch {
      return null;
    }
  }

  private async remove(id: string): Promise<void> {
    for (const suffix of ['.eml', '.json']) {
      await rm(path.join(this.folder, `${id}${suffix}`), { force: true });
    }
  }

  private async writeAtomically(name: string, content: string | Buffer): Promise<void> {
    const temporary = path.join(this.folder, `.${name}.tmp`);
    await writeFile(temporary, content, { mode: 0o600 });
    await rename(temporary, path.join(this.folder, name));
  }
}
