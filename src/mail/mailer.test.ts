import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSmtpSink } from '../../test/support/smtp-sink.ts';
import crypto from 'node:crypto';
import { ConfigError, loadConfig } from '../config.ts';
import { createMailer, mailerOptionsFromConfig } from './mailer.ts';

describe('mailer', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-outbox-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('delivers over SMTP to a real server on 127.0.0.1', async () => {
    const sink = await startSmtpSink();
    const mailer = createMailer({
      smtpUrl: sink.url,
      from: 'Folio <folio@example.org>',
      outboxDir: dir,
    });
    try {
      await mailer.send({
        to: 'reader@example.org',
        subject: 'Hello',
        text: 'plain',
        html: '<p>rich</p>',
        headers: { 'List-Id': 'Folio <digest.example.org>' },
      });
      const [mail] = await sink.waitFor(1);
      expect(mail?.subject).toBe('Hello');
      expect(mail?.text?.trim()).toBe('plain');
      expect(mail?.html).toContain('<p>rich</p>');
      expect(mail?.headerLines.find((h) => h.key === 'list-id')?.line).toBe(
        'List-ID: Folio <digest.example.org>',
      );
    } finally {
      mailer.close();
      await sink.close();
    }
  });

  it('writes .eml files to the outbox folder when no SMTP server is configured', async () => {
    const mailer = createMailer({
      smtpUrl: undefined,
      from: 'Folio <folio@localhost>',
      outboxDir: dir,
    });
    await mailer.send({ to: 'reader@example.org', subject: 'Offline', text: 'kept locally' });
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const raw = fs.readFileSync(path.join(dir, files[0]!), 'utf8');
    expect(raw).toContain('Subject: Offline');
    expect(raw).toContain('kept locally');
  });

  it('signs with the DKIM key named by the configuration', async () => {
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = path.join(dir, 'dkim.pem');
    fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const sink = await startSmtpSink();
    const config = loadConfig({
      FOLIO_DATA_DIR: dir,
      FOLIO_SMTP_URL: sink.url,
      FOLIO_MAIL_FROM: 'Folio <digest@example.org>',
      FOLIO_DKIM_DOMAIN: 'example.org',
      FOLIO_DKIM_SELECTOR: 'folio2026',
      FOLIO_DKIM_KEY_FILE: keyFile,
    });
    const mailer = createMailer(mailerOptionsFromConfig(config));
    try {
      await mailer.send({ to: 'reader@example.org', subject: 'Signed', text: 'hello' });
      const [mail] = await sink.waitFor(1);
      const signature = mail?.headerLines.find((h) => h.key === 'dkim-signature')?.line ?? '';
      expect(signature).toMatch(/d=example\.org;/);
      expect(signature).toMatch(/s=folio2026;/);
    } finally {
      mailer.close();
      await sink.close();
    }
    expect(() => loadConfig({ FOLIO_DKIM_DOMAIN: 'example.org' })).toThrow(ConfigError);
    expect(() =>
      mailerOptionsFromConfig(
        loadConfig({
          FOLIO_DKIM_DOMAIN: 'example.org',
          FOLIO_DKIM_SELECTOR: 's',
          FOLIO_DKIM_KEY_FILE: path.join(dir, 'missing.pem'),
        }),
      ),
    ).toThrow(/FOLIO_DKIM_KEY_FILE/);
  });
});
