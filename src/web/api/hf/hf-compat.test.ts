import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../../../test/support/databases.ts';
import {
  HF_DAY,
  NASTY_ID,
  readHfReference,
  seedApiFixture,
} from '../../../../test/support/api-fixture.ts';
import { createTestRuntime, type TestRuntime } from '../../../../test/support/runtime.ts';
import { hasSharedData } from '../../../../test/support/shared-data.ts';

type Shape = Map<string, { types: Set<string>; count: number }>;

const jsonType = (v: unknown) =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'array'
      : typeof v === 'number'
        ? Number.isInteger(v)
          ? 'integer'
          : 'number'
        : typeof v;

/** Every path (`paper.authors[].name`) with the JSON types seen there and in how many items. */
function shapeOf(items: unknown[]): Shape {
  const shape: Shape = new Map();
  const walk = (value: unknown, path: string, seen: Set<string>) => {
    if (path) {
      const entry = shape.get(path) ?? { types: new Set<string>(), count: 0 };
      entry.types.add(jsonType(value));
      if (!seen.has(path)) entry.count++;
      seen.add(path);
      shape.set(path, entry);
    }
    if (Array.isArray(value)) for (const v of value) walk(v, `${path}[]`, seen);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, seen);
  };
  for (const item of items) walk(item, '', new Set());
  return shape;
}

// Fields newer Hugging Face responses carry that the 2024 recording predates (see its SOURCE.md).
const NEWER_HF_FIELDS = new Set([
  'summary',
  'isAuthorParticipating',
  'paper.submittedOnDailyAt',
  'paper.githubRepo',
  'paper.githubStars',
  'paper.projectPage',
  'submittedBy._id',
  'numComments',
  'submittedOnDailyBy',
  // HF sends `user` in submittedOnDailyBy only; huggingface_hub's User reads the name from it,
  // and PaperInfo reads submittedBy first, so Folio sends it in both.
  'submittedBy.user',
]);
const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

describe.skipIf(!hasSharedData).each(dialects)('Hugging Face–compatible API on %s', (dialect) => {
  let t: TestRuntime;
  const reference = hasSharedData ? readHfReference() : [];
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await seedApiFixture(t);
  });
  afterAll(() => t.cleanup());

  const get = async (url: string) => {
    const res = await t.app.request(url);
    return { res, body: (await res.json()) as unknown };
  };

  it('answers /api/daily_papers with the recorded response’s field names and JSON types', async () => {
    const { res, body } = await get(`/api/daily_papers?date=${HF_DAY}&limit=100`);
    expect(res.status).toBe(200);
    expect(Array.isArray(body)).toBe(true);
    const items = body as Record<string, unknown>[];
    expect(items).toHaveLength(reference.length + 1);
    const want = shapeOf(reference);
    const got = shapeOf(items);
    for (const [path, { types, count }] of want) {
      // A field every recorded item has, every Folio item has too (optional ones may be absent).
      if (count === reference.length && !path.includes('.user') && !path.startsWith('mediaUrls'))
        expect(got.get(path)?.count, `missing ${path}`).toBe(items.length);
      const mine = got.get(path);
      if (mine)
        for (const type of mine.types) expect([...types], `type of ${path}`).toContain(type);
    }
    for (const path of got.keys())
      if (!want.has(path)) expect(NEWER_HF_FIELDS.has(path), `unexpected field ${path}`).toBe(true);
    // The list order and counts are the recorded ones: upvotes descending, submitters kept.
    const first = items[0] as {
      paper: { id: string; upvotes: number };
      submittedBy: { name: string };
      numComments: number;
    };
    expect(first.paper.id).toBe(reference[0]!.paper.id);
    expect(first.paper.upvotes).toBe(reference[0]!.paper.upvotes);
    expect(first.submittedBy.name).toBe(reference[0]!.submittedBy.name);
    expect(first.numComments).toBe(reference[0]!.numComments);
  });

  it('writes every timestamp as ISO-8601 UTC ending in Z, authors and submitters as objects', async () => {
    const { body } = await get(`/api/daily_papers?date=${HF_DAY}`);
    for (const item of body as {
      publishedAt: string;
      paper: { publishedAt: string; submittedOnDailyAt: string; authors: unknown[] };
      submittedBy: unknown;
    }[]) {
      expect(item.publishedAt).toMatch(ISO_Z);
      expect(item.paper.publishedAt).toMatch(ISO_Z);
      expect(item.paper.submittedOnDailyAt).toMatch(ISO_Z);
      for (const a of item.paper.authors) expect(typeof a).toBe('object');
      expect(typeof item.submittedBy).toBe('object');
    }
  });

  it('pages with p and limit, returns [] past the end, and sorts by publishedAt on request', async () => {
    const page0 = (await get(`/api/daily_papers?date=${HF_DAY}&limit=10&p=0`)).body as {
      paper: { id: string };
    }[];
    const page1 = (await get(`/api/daily_papers?date=${HF_DAY}&limit=10&p=1`)).body as {
      paper: { id: string };
    }[];
    expect(page0).toHaveLength(10);
    expect(page1).toHaveLength(10);
    expect(page0.map((i) => i.paper.id)).not.toContain(page1[0]!.paper.id);
    expect((await get(`/api/daily_papers?date=${HF_DAY}&p=50`)).body).toEqual([]);
    expect((await get(`/api/daily_papers?date=1999-01-01`)).body).toEqual([]);
    const byDate = (await get(`/api/daily_papers?date=${HF_DAY}&sort=publishedAt&limit=100`))
      .body as { paper: { publishedAt: string } }[];
    const dates = byDate.map((i) => i.paper.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    const week = (await get(`/api/daily_papers?week=2024-W43&limit=3`)).body as unknown[];
    expect(week).toHaveLength(3);
    const month = (await get(`/api/daily_papers?month=2024-10&submitter=brando`)).body as {
      submittedBy: { name: string };
    }[];
    expect(month).toHaveLength(2);
    expect(new Set(month.map((i) => i.submittedBy.name))).toEqual(new Set(['brando']));
  });

  it('rejects impossible dates and bad parameters with a 400 problem naming the field', async () => {
    for (const [query, field] of [
      ['date=2024-02-30', 'date'],
      ['week=2024-W54', 'week'],
      ['month=2024-13', 'month'],
      ['limit=0', 'limit'],
      ['limit=abc', 'limit'],
      ['p=-1', 'p'],
      ['sort=best', 'sort'],
      ['date=2024-10-25&week=2024-W43', 'date'],
    ] as const) {
      const res = await t.app.request(`/api/daily_papers?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { errors: { field: string }[] };
      expect(problem.errors.map((e) => e.field)).toContain(field);
    }
  });

  it('answers /api/papers/{id} with the flat paper object and 404 for an unknown id', async () => {
    const { res, body } = await get(`/api/papers/${NASTY_ID}`);
    expect(res.status).toBe(200);
    const paper = body as Record<string, unknown>;
    expect(paper).toMatchObject({
      id: NASTY_ID,
      upvotes: 1,
      githubRepo: 'https://github.com/example/attention',
    });
    expect(paper.submittedOnDailyBy).toBeUndefined();
    const listed = (await get(`/api/papers/${reference[0]!.paper.id}`)).body as Record<
      string,
      unknown
    >;
    expect(listed.submittedOnDailyAt).toMatch(ISO_Z);
    expect(listed.submittedOnDailyBy).toMatchObject({
      name: reference[0]!.submittedBy.name,
      type: 'user',
    });
    expect((await t.app.request('/api/papers/2410.00000')).status).toBe(404);
    expect((await t.app.request('/api/papers/not-an-id')).status).toBe(404);
  });

  it('lists every paper by cursor with a Link header, and searches', async () => {
    const first = await t.app.request('/api/papers?limit=20');
    const page1 = (await first.json()) as { id: string }[];
    expect(page1).toHaveLength(20);
    const link = first.headers.get('link')!;
    expect(link).toMatch(/rel="next"/);
    const next = await t.app.request(
      new URL(/<([^>]+)>/.exec(link)![1]!).pathname + new URL(/<([^>]+)>/.exec(link)![1]!).search,
    );
    const page2 = (await next.json()) as { id: string }[];
    expect(page2).toHaveLength(10);
    expect(next.headers.get('link')).toBeNull();
    expect(new Set([...page1, ...page2].map((p) => p.id)).size).toBe(30);
    const found = (await get('/api/papers/search?q=contrastive%20loss&limit=3')).body as {
      paper: { id: string };
    }[];
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThanOrEqual(3);
  });
});
