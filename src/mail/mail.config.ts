import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../settings/config-error.ts';
import { expects } from '../settings/env-schemas.ts';

/** The SMTP server, the sender, DKIM signing and the sending rate. */
export const mailEnv = {
  FOLIO_SMTP_URL: expects(
    z
      .string()
      .regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL')
      .optional(),
    'an smtp:// or smtps:// URL',
  ),
  FOLIO_MAIL_FROM: expects(
    z.string().min(3).default('Folio <folio@localhost>'),
    'a sender address such as "Folio <folio@example.org>"',
  ),
  // DKIM signing of outgoing mail: all three or none.
  FOLIO_DKIM_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'a domain name')
    .optional(),
  FOLIO_DKIM_SELECTOR: z
    .string()
    .regex(/^[a-z0-9._-]+$/i, 'a DKIM selector')
    .optional(),
  FOLIO_DKIM_KEY_FILE: z.string().min(1, 'a PEM private key file').optional(),
  // Where mail goes without an SMTP server: .eml files in a folder, or a table every instance
  // shares (the default on PostgreSQL, where several instances may run).
  FOLIO_MAIL_OUTBOX: expects(z.enum(['folder', 'database']).optional(), 'folder or database'),
  // Messages per second handed to the SMTP server; 0 sends as fast as the server takes them.
  FOLIO_MAIL_RATE: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'messages per second, 0 for no limit')
    .transform(Number)
    .default(20),
};

type MailEnv = z.output<z.ZodObject<typeof mailEnv>>;

/** The parsed mail variables as configuration. */
export function mailConfig(e: MailEnv) {
  return Object.freeze({
    smtpUrl: e.FOLIO_SMTP_URL,
    from: e.FOLIO_MAIL_FROM,
    dkim: dkimConfig(e),
    /** Messages per second; 0 means no limit. */
    rate: e.FOLIO_MAIL_RATE,
    /** Without SMTP: `folder` or `database`; unset, the database on PostgreSQL (see mailer.ts). */
    outbox: e.FOLIO_MAIL_OUTBOX,
  });
}

function dkimConfig(
  e: MailEnv,
): Readonly<{ domain: string; selector: string; keyFile: string }> | undefined {
  const parts = [e.FOLIO_DKIM_DOMAIN, e.FOLIO_DKIM_SELECTOR, e.FOLIO_DKIM_KEY_FILE];
  if (parts.every((p) => p === undefined)) return undefined;
  if (!e.FOLIO_DKIM_DOMAIN || !e.FOLIO_DKIM_SELECTOR || !e.FOLIO_DKIM_KEY_FILE) {
    const missing = !e.FOLIO_DKIM_DOMAIN
      ? 'FOLIO_DKIM_DOMAIN'
      : !e.FOLIO_DKIM_SELECTOR
        ? 'FOLIO_DKIM_SELECTOR'
        : 'FOLIO_DKIM_KEY_FILE';
    throw new ConfigError(missing, 'set together with the other FOLIO_DKIM_* variables');
  }
  return Object.freeze({
    domain: e.FOLIO_DKIM_DOMAIN,
    selector: e.FOLIO_DKIM_SELECTOR,
    keyFile: path.resolve(e.FOLIO_DKIM_KEY_FILE),
  });
}
