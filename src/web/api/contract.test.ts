import { LIMITS } from '../../community/rate-limit.service.ts';
import zlib from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HF_DAY,
  NASTY_ID,
  seedApiFixture,
  type ApiFixture,
} from '../../../test/support/api-fixture.ts';
import { dialects } from '../../../test/support/databases.ts';
import { followNextLinks } from '../../../test/support/paging.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/support/runtime.ts';
import { hasSharedData } from '../../../test/support/shared-data.ts';
import { personalFeedToken } from '../feeds/personal-feed-token.ts';

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: { type?: string; enum?: string[]; maxLength?: number; minLength?: number };
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
type Doc = { paths: Record<string, Record<string, Operation>>; components: object };

// A good value for each parameter name the API uses, so every documented route can be called.
const GOOD: Record<string, string> = {
  id: '2410.17243',
  kind: 'day',
  category: 'cs.CL',
  format: 'json',
  name: 'brando',
  q: 'contrastive loss',
  // The collection the document's earlier POST /api/v1/collections made.
  collection: '1',
};
// A bad value for each parameter that is not just an enum, integer or length limit.
const BAD: Record<string, string> = {
  id: 'not-an-id',
  date: '2024-02-30',
  week: '2024-W60',
  month: '2024-13',
  at: 'bogus',
  cursor: '@@not-a-cursor@@',
  category: 'NOT A CATEGORY',
  q: '',
  from: '2024-13-01',
  to: '2024-02-30',
  categories: 'Not A Cat',
  hasCode: 'maybe',
  submitter: 'x'.repeat(101),
};
// Bodies for the writes.
const BODIES: Record<string, unknown> = {
  'post /api/papers/index': { arxivId: '2410.17243' },
  'post /api/v1/papers/{id}/comments': { body: 'A fine paper.' },
  'post /api/v1/submissions': { arxivId: '2410.17243' },
  'put /api/v1/library/{id}': { status: 'read', note: 'A note.' },
  'post /api/v1/collections': { name: 'Contract', visibility: 'public' },
  'post /api/v1/collections/{collection}/papers': { papers: ['2410.17243'] },
  'post /api/v1/follows': { kind: 'category', target: 'cs.CL' },
  'delete /api/v1/follows': { kind: 'category', target: 'cs.CL' },
  'put /api/v1/me/notifications/settings': { byMail: false },
  'post /api/v1/tokens': { name: 'Contract', scope: 'read' },
};

// Deleting the account would leave the rest of the routes without their member: the account
// tests call it (test/site/account-data.test.ts).
const SKIP_CALL = new Set(['delete /api/v1/me']);

const HF_LENIENT: Record<string, number> = {
  '/api/papers/{id} id': 404,
  '/api/papers/search q': 200,
};

function badValue(p: Parameter): string | null {
  if (p.name in BAD) return BAD[p.name]!;
  if (p.schema.enum) return 'not-an-option';
  if (p.schema.type === 'integer') return 'abc';
  if (p.schema.maxLength) return 'x'.repeat(p.schema.maxLength + 1);
  return null;
}

describe.skipIf(!hasSharedData).each(dialects)(
  'API contract from /openapi.json on %s',
  (dialect) => {
    let t: TestRuntime;
    let fixture: ApiFixture;
    let doc: Doc;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);

    beforeAll(async () => {
      t = await createTestRuntime(dialect);
      fixture = await seedApiFixture(t);
      doc = (await (await t.app.request('/openapi.json')).json()) as Doc;
    });
    afterAll(() => t.cleanup());

    const operations = () =>
      Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ path, method, op })),
      );

    function urlFor(path: string, op: Operation, override: Record<string, string> = {}): string {
      const values: Record<string, string> = {
        ...GOOD,
        token: personalFeedToken(t.runtime.secret, fixture.member.id),
      };
      let url = path;
      const query = new URLSearchParams();
      for (const p of op.parameters ?? []) {
        const value =
          override[p.name] ?? (p.required || p.in === 'path' ? values[p.name] : undefined);
        if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(value ?? 'x'));
        else if (value !== undefined) query.set(p.name, value);
      }
      const search = query.toString();
      return search ? `${url}?${search}` : url;
    }

    function request(path: string, method: string, op: Operation, url: string) {
      // Outside /api/ errors are HTML for browsers; API clients say they accept JSON.
      const headers: Record<string, string> = { accept: 'application/json' };
      if (op.security?.length) headers.authorization = `Bearer ${fixture.token}`;
      const body = BODIES[`${method} ${path}`];
      if (body) headers['content-type'] = 'application/json';
      return t.app.request(url, {
        method: method.toUpperCase(),
        headers,
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    }

    async function checkAgainstDocument(res: Response, op: Operation, label: string) {
      const documented = op.responses[String(res.status)];
      expect(documented, `${label}: status ${res.status} is not documented`).toBeDefined();
      const type = (res.headers.get('content-type') ?? '').split(';')[0]!;
      const media = documented!.content?.[type];
      expect(media, `${label}: ${type} is not documented for ${res.status}`).toBeDefined();
      if (type.endsWith('json')) {
        const validate = ajv.compile({ ...media!.schema, components: doc.components });
        const body: unknown = await res.json();
        expect(validate(body), `${label}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
    }

    it('documents every route as OpenAPI 3.1 with problem responses for bad input', () => {
      expect((doc as unknown as { openapi: string }).openapi).toBe('3.1.0');
      expect(operations().length).toBeGreaterThan(20);
      for (const { path, method, op } of operations())
        if ((op.parameters ?? []).length > 0 || op.requestBody)
          expect(op.responses['400'], `${method} ${path}`).toBeDefined();
    });

    it('answers every documented route with a documented status and a body that fits its schema', async () => {
      for (const { path, method, op } of operations()) {
        if (SKIP_CALL.has(`${method} ${path}`)) continue;
        const url = urlFor(path, op);
        const res = await request(path, method, op, url);
        expect(res.status, `${method} ${url}`).toBeLessThan(300);
        await checkAgainstDocument(res, op, `${method} ${url}`);
      }
    });

    it('answers each parameter’s bad value with a 400 problem naming it', async () => {
      let checked = 0;
      for (const { path, method, op } of operations()) {
        for (const p of op.parameters ?? []) {
          const bad = badValue(p);
          if (bad === null) continue;
          const url = urlFor(path, op, { [p.name]: bad });
          const res = await request(path, method, op, url);
          const label = `${method} ${url} (${p.name})`;
          if (p.name === 'token') {
            expect(res.status, label).toBe(404);
            continue;
          }
          // Hugging Face's contract: any text names a paper or none (404), and a search with
          // nothing to look for lists the latest day.
          const hfStatus = HF_LENIENT[`${path} ${p.name}`];
          if (hfStatus) {
            expect(res.status, label).toBe(hfStatus);
            continue;
          }
          expect(res.status, label).toBe(400);
          expect(res.headers.get('content-type'), label).toContain('application/problem+json');
          const problem = (await res.clone().json()) as { errors?: { field: string }[] };
          expect(
            problem.errors?.map((e) => e.field),
            label,
          ).toContain(p.name);
          await checkAgainstDocument(res, op, label);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(40);
    });

    it('answers unknown papers with 404 problems', async () => {
      for (const { path, method, op } of operations()) {
        if (!(op.parameters ?? []).some((p) => p.name === 'id') || op.security?.length) continue;
        const res = await request(path, method, op, urlFor(path, op, { id: '2410.00000' }));
        expect(res.status, path).toBe(404);
        await checkAgainstDocument(res, op, path);
      }
    });

    it('refuses writes without a valid token (401) and rate-limits them (429 with Retry-After)', async () => {
      const none = await t.app.request(`/api/v1/papers/${NASTY_ID}/vote`, { method: 'PUT' });
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toContain('Bearer');
      const wrong = await t.app.request(`/api/v1/papers/${NASTY_ID}/vote`, {
        method: 'PUT',
        headers: { authorization: 'Bearer folio_nope' },
      });
      expect(wrong.status).toBe(401);
      // Votes through the API count against the site's vote limit for the member.
      let last: Response | null = null;
      let sent = 0;
      for (let i = 0; i < LIMITS.vote.max + 10 && last?.status !== 429; i++, sent++)
        last = await t.app.request(`/api/v1/papers/${NASTY_ID}/vote`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${fixture.token}` },
        });
      expect(last!.status).toBe(429);
      expect(sent).toBeLessThanOrEqual(LIMITS.vote.max + 1);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(last!.headers.get('content-type')).toContain('application/problem+json');
    });

    it('revalidates lists by ETag (304), pages by Link rel=next, and allows cross-origin reads', async () => {
      const first = await t.app.request(`/api/v1/lists/day?at=${HF_DAY}&limit=10`, {
        headers: { origin: 'https://example.org' },
      });
      expect(first.headers.get('access-control-allow-origin')).toBe('*');
      expect(first.headers.get('cache-control')).toContain('max-age');
      const etag = first.headers.get('etag')!;
      const again = await t.app.request(`/api/v1/lists/day?at=${HF_DAY}&limit=10`, {
        headers: { 'if-none-match': etag },
      });
      expect(again.status).toBe(304);
      const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link')!)![1]!;
      const page2 = (await (
        await t.app.request(next.replace(t.runtime.config.baseUrl, ''))
      ).json()) as { items: unknown[] };
      expect(page2.items).toHaveLength(10);
      const gz = await t.app.request(`/api/v1/lists/day?at=${HF_DAY}&limit=10`, {
        headers: { 'accept-encoding': 'gzip, br' },
      });
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      expect(
        JSON.parse(zlib.gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8')),
      ).toEqual(await first.json());
      const bib = await t.app.request(`/api/v1/lists/day?at=${HF_DAY}&format=bibtex&limit=5`);
      expect((await bib.text()).match(/@misc\{/g)).toHaveLength(5);
    });

    it('pages lists and search results to the end by Link rel=next: each once, as many as the total', async () => {
      const request = (path: string) => t.app.request(path);
      const entryIds = (body: object) =>
        (body as { items: { paper: { id: string } }[] }).items.map((i) => i.paper.id);
      const hitIds = (body: object) =>
        (body as { hits: { paper: { id: string } }[] }).hits.map((h) => h.paper.id);
      const day = await followNextLinks(
        request,
        `/api/v1/lists/day?at=${HF_DAY}&limit=7`,
        entryIds,
      );
      expect(day).toHaveLength(30);
      // The pages are the whole list, cut: the same order as one page holding everything.
      const whole = await (await request(`/api/v1/lists/day?at=${HF_DAY}&limit=100`)).json();
      expect(day).toEqual(entryIds(whole as object));
      for (const sort of ['relevance', 'date', 'trending'])
        for (const limit of [1, 4]) {
          const found = await followNextLinks(
            request,
            `/api/v1/search?q=language&mode=keyword&sort=${sort}&limit=${limit}`,
            hitIds,
          );
          expect(found.length, `${sort} by ${limit}`).toBeGreaterThan(limit);
        }
    });
  },
);
