import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSmtpSink } from '../../test/support/smtp-sink.ts';
import { createMailer } from './mailer.ts';

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
});
