import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { SiteClient } from './site-client.ts';

describe('signing in without a mail server', () => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime('sqlite');
  });
  afterAll(() => t.cleanup());

  it('says no mail server is configured and where the operator finds the message', async () => {
    const client = new SiteClient(t.app);
    await client.get('/sign-in');
    const res = await client.post('/sign-in', { email: 'grace@example.org' });
    expect(res.status).toBe(200);
    const outbox = path.join(t.dataDir, 'outbox');
    expect(client.html).toContain('No mail server is configured on this Folio');
    expect(client.html).toContain(`<code>${outbox}</code>`);
    await t.mail.settled();
    const files = fs.readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const message = fs.readFileSync(path.join(outbox, files[0]!), 'utf8');
    expect(message).toContain('To: grace@example.org');
    expect(message).toContain('Subject: Your Folio sign-in link');
  });
});
