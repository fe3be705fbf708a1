import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';

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

export interface Mailer {
  /** `smtp` delivers over SMTP; `outbox` writes .eml files to a folder (the offline default). */
  readonly kind: 'smtp' | 'outbox';
  readonly outboxDir: string | null;
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl: string | undefined;
  from: string;
  /** Folder for .eml files when no SMTP server is configured. */
  outboxDir: string;
  dkim?: { domainName: string; keySelector: string; privateKey: string };
}

/** SMTP when a server is configured, else a local outbox folder of .eml files. */
export function createMailer(options: MailerOptions): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport({
      url: options.smtpUrl,
      pool: true,
      maxConnections: 4,
      ...(options.dkim ? { dkim: options.dkim } : {}),
    } as SMTPTransport.Options);
    return {
      kind: 'smtp',
      outboxDir: null,
      send: async (message) => {
        const info = await transport.sendMail(toNodemailer(message, options.from));
        return { messageId: info.messageId };
      },
      close: () => transport.close(),
    };
  }
  const stream = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  return {
    kind: 'outbox',
    outboxDir: options.outboxDir,
    send: async (message) => {
      const info = await stream.sendMail(toNodemailer(message, options.from));
      fs.mkdirSync(options.outboxDir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(
        options.outboxDir,
        `${stamp}-${crypto.randomBytes(4).toString('hex')}.eml`,
      );
      // Write then rename, so a reader never sees half a message.
      fs.writeFileSync(`${file}.tmp`, info.message as Buffer);
      fs.renameSync(`${file}.tmp`, file);
      return { messageId: info.messageId };
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
    ...(message.html ? { html: message.html } : {}),
    ...(message.messageId ? { messageId: message.messageId } : {}),
    ...(message.date ? { date: message.date } : {}),
    ...(message.headers ? { headers: message.headers } : {}),
  };
}
