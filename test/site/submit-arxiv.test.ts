import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { startLocalServer, type LocalServer } from '../support/http-server.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { hasSharedData, sharedFile } from '../support/shared-data.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { createApiToken } from '../../src/community/api-tokens.ts';
import { findUserByEmail } from '../../src/community/user.repository.ts';
import { signIn, SiteClient } from './site-client.ts';

const recorded = (name: string) =>
  JSON.parse(fs.readFileSync(sharedFile('arxiv-api-atom', 'recorded-2026', name), 'utf8')) as {
    status_code: number;
    body: string;
  };

describe.skipIf(!hasSharedData).each(dialects)(
  'submitting a paper Folio lacks on %s',
  (dialect) => {
    let t: TestRuntime;
    let sink: SmtpSink;
    let arxiv: LocalServer;
    beforeAll(async () => {
      sink = await startSmtpSink();
      // The arXiv query API, replaying real recorded answers for two id lookups.
      arxiv = await startLocalServer((request) => {
        const id = new URL(request.url, 'http://x').searchParams.get('id_list');
        const file =
          id === '1605.08386'
            ? 'id_1605.08386_s0_m100_199195aa31ad.json'
            : 'id_0000.0000_s0_m100_8b51d9633a68.json';
        const reply = recorded(file);
        return {
          status: reply.status_code,
          headers: { 'content-type': 'application/atom+xml' },
          body: reply.body,
        };
      });
      t = await createTestRuntime(dialect, {
        env: {
          FOLIO_SMTP_URL: sink.url,
          FOLIO_OFFLINE: '0',
          FOLIO_ARXIV_API_URL: `${arxiv.url}/api/query`,
          FOLIO_ARXIV_DELAY_MS: '0',
        },
      });
    });
    afterAll(async () => {
      await t.cleanup();
      await sink.close();
      await arxiv.close();
    });

    it('fetches its metadata from arXiv, stores it and lists it today; an unknown id is a clear 404', async () => {
      const member = new SiteClient(t.app);
      await signIn(member, sink, 'sam@example.org');
      await member.get('/submit');
      const res = await member.post('/submit', { paper: 'https://arxiv.org/abs/1605.08386v1' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/papers/date/2026-07-01#paper-1605.08386');
      expect(arxiv.requests.at(-1)!.url).toContain('id_list=1605.08386');
      await member.get('/papers/date/2026-07-01');
      expect(member.html).toContain('href="/papers/1605.08386"');
      await member.get('/papers/1605.08386');
      expect(member.html).toContain('Submitted by');
      // arXiv answers an id it does not know with an empty feed (the recorded answer).
      await member.get('/submit');
      const unknown = await member.post('/submit', { paper: '2601.99999' });
      expect(unknown.status).toBe(404);
      expect(arxiv.requests.at(-1)!.url).toContain('id_list=2601.99999');
      expect(member.html).toContain('2601.99999');
      // What is not an arXiv id at all is a 400, without asking arXiv.
      const asked = arxiv.requests.length;
      await member.get('/submit');
      expect((await member.post('/submit', { paper: '0000.0000' })).status).toBe(400);
      expect(arxiv.requests).toHaveLength(asked);
    });

    it('POST /api/papers/index fetches a paper Folio lacks from arXiv, as Hugging Face clients expect', async () => {
      const user = await t.runtime.db.kysely
        .insertInto('users')
        .values({
          email: 'api@example.org',
          name: 'api-user',
          created_at: t.clock.now().toISOString(),
        })
        .returning(['id', 'email', 'name', 'role', 'status', 'created_at', 'last_seen_at'])
        .executeTakeFirstOrThrow();
      const member = await findUserByEmail(t.runtime.db.kysely, user.email);
      const { token } = await createApiToken(t.runtime.db, t.clock, member, 'index test');
      const index = (arxivId: string) =>
        t.app.request('/api/papers/index', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ arxivId }),
        });
      await t.runtime.db.kysely.deleteFrom('papers').where('id', '=', '1605.08386').execute();
      const res = await index('1605.08386');
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: '1605.08386' });
      expect(arxiv.requests.at(-1)!.url).toContain('id_list=1605.08386');
      expect((await t.app.request('/api/papers/1605.08386')).status).toBe(200);
      // Not an arXiv id at all: a 400 naming the field, and no request to arXiv.
      const requests = arxiv.requests.length;
      expect((await index('0000.0000')).status).toBe(400);
      expect(arxiv.requests).toHaveLength(requests);
    });
  },
);
