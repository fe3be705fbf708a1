import type { Db } from '../db/database.ts';
import { countMail, insertMail, listMail, readMail } from './mail-outbox.repository.ts';
import { listOutboxFiles, readOutboxFile, type OutboxFile } from './outbox-folder.ts';

/**
 * Where mail goes when no SMTP server is configured: a folder of .eml files (one machine), or
 * the store's `mail_outbox` table, which every instance of a fleet shares.
 */
export interface MailOutbox {
  readonly kind: 'folder' | 'database';
  /** Where an operator finds the messages, in words for pages and logs. */
  readonly place: string;
  /** The newest messages, newest first; `name` opens one with `read`. */
  list(limit: number): Promise<OutboxFile[]>;
  /** One message's whole .eml text, or null when there is no such message. */
  read(name: string): Promise<string | null>;
  /** How many messages it holds (the database outbox only; null for a folder). */
  count(): Promise<number | null>;
}

/** The outbox folder under the data folder. */
export function folderOutbox(dir: string): MailOutbox {
  return {
    kind: 'folder',
    place: dir,
    list: (limit) => Promise.resolve(listOutboxFiles(dir, limit)),
    read: (name) => Promise.resolve(readOutboxFile(dir, name)),
    count: () => Promise.resolve(null),
  };
}

/** The outbox table of the store; messages are named `ID.eml`. */
export function databaseOutbox(db: Db): MailOutbox & {
  write(mail: Parameters<typeof insertMail>[1]): Promise<boolean>;
} {
  return {
    kind: 'database',
    place: 'the database (table mail_outbox)',
    list: async (limit) =>
      (await listMail(db.kysely, limit)).map((m) => ({
        name: `${m.id}.eml`,
        size: m.size,
        writtenAt: m.writtenAt,
        to: m.to,
        subject: m.subject,
      })),
    read: (name) => {
      const id = /^(\d{1,15})\.eml$/.exec(name)?.[1];
      return id ? readMail(db.kysely, Number(id)) : Promise.resolve(null);
    },
    count: () => countMail(db.kysely),
    write: (mail) => insertMail(db.kysely, mail),
  };
}
