import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { Config } from '../config.ts';

/** A message Folio sends; addresses and header values are validated before they get here. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  from?: string;
  messageId?: string;
  date?: Date;
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  /** The server's reply to the message (`250 OK …`), or the .eml file written. */
  response: string;
}

export interface Mailer {
  /** `smtp` delivers over SMTP; `outbox` writes .eml files to a folder (the offline default). */
  readonly kind: 'smtp' | 'outbox';
  readonly outboxDir: string | null;
  /** Resolves once the server accepted the message; rejects with nodemailer's error otherwise. */
  send(message: MailMessage): Promise<SentMail>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl: string | undefined;
  from: string;
  /** Folder for .eml files when no SMTP server is configured. */
  outboxDir: string;
  dkim?: { domainName: string; keySelector: string; privateKey: string };
  /** Parallel SMTP connections (default 4). */
  maxConnections?: number;
}

/** Mailer options from the configuration, reading the DKIM private key file if one is set. */
export function mailerOptionsFromConfig(config: Readonly<Config>): MailerOptions {
  const { dkim } = config.mail;
  let privateKey: string | undefined;
  if (dkim) {
    try {
      privateKey = fs.readFileSync(dkim.keyFile, 'utf8');
    } catch (error) {
      throw new Error(
        `FOLIO_DKIM_KEY_FILE: cannot read ${dkim.keyFile} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(privateKey))
      throw new Error(`FOLIO_DKIM_KEY_FILE: ${dkim.keyFile} is not a PEM private key`);
  }
  return {
    smtpUrl: config.mail.smtpUrl,
    from: config.mail.from,
    outboxDir: path.join(config.dataDir, 'outbox'),
    ...(dkim && privateKey
      ? { dkim: { domainName: dkim.domain, keySelector: dkim.selector, privateKey } }
      : {}),
  };
}

/** SMTP when a server is configured, else a local outbox folder of .eml files. */
export function createMailer(options: MailerOptions): Mailer {
  const dkim = options.dkim ? { dkim: options.dkim } : {};
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport({
      url: options.smtpUrl,
      pool: true,
      maxConnections: options.maxConnections ?? 4,
      maxMessages: 1000,
      // nodemailer waits up to 10 minutes by default; a stuck server should fail the send sooner.
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
      ...dkim,
    } as SMTPPool.Options & { url: string });
    return {
      kind: 'smtp',
      outboxDir: null,
      send: async (message) => {
        const info = await transport.sendMail(toNodemailer(message, options.from));
        if (info.rejected.length > 0) {
          // A refused recipient of a single-recipient message is a refused message.
          throw Object.assign(new Error(`recipient refused: ${info.response}`), {
            code: 'EENVELOPE',
            responseCode: Number(/^\d{3}/.exec(info.response)?.[0] ?? 550),
          });
        }
        return { messageId: info.messageId, response: info.response };
      },
      close: () => transport.close(),
    };
  }
  const stream = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
    ...dkim,
  });
  return {
    kind: 'outbox',
    outboxDir: options.outboxDir,
    send: async (message) => {
      const info = await stream.sendMail(toNodemailer(message, options.from));
      fs.mkdirSync(options.outboxDir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const name = `${stamp}-${crypto.randomBytes(4).toString('hex')}.eml`;
      const file = path.join(options.outboxDir, name);
      // Write then rename, so a reader never sees half a message.
      fs.writeFileSync(`${file}.tmp`, info.message as Buffer);
      fs.renameSync(`${file}.tmp`, file);
      return { messageId: info.messageId, response: `written ${name}` };
    },
    close: () => undefined,
  };
}

function toNodemailer(message: MailMessage, defaultFrom: string): nodemailer.SendMailOptions {
  return {
    from: message.from ?? defaultFrom,
    to: message.to,
    subject: message.subject,
    text: message.text,
    // Folio's messages are fixed templates: no attachments, no file or URL content.
    disableFileAccess: true,
    disableUrlAccess: true,
    ...(message.html ? { html: message.html } : {}),
    ...(message.messageId ? { messageId: message.messageId } : {}),
    ...(message.date ? { date: message.date } : {}),
    ...(message.headers ? { headers: message.headers } : {}),
  };
}
