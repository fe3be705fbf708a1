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
import { upsertRecords } from '../../../papers/paper.service.ts';

// What the huggingface_hub client (src/huggingface_hub/hf_api.py, utils/_http.py and
// utils/_datetime.py) does with a response, ported line for line so the contract is the
// client's, not Folio's: PaperInfo(**json), User(**json), parse_datetime and _format.

/** huggingface_hub `parse_datetime`: only `YYYY-MM-DDTHH:MM:SS[.fraction]Z` parses. */
function parseDatetime(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/.exec(text);
  if (!m) throw new Error(`Cannot parse '${text}' as a datetime`);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

type Json = Record<string, unknown>;

/** huggingface_hub `User.__init__`. */
function user(json: Json) {
  return {
    username: (json.user as string | undefined) ?? '',
    fullname: (json.fullname as string | undefined) ?? '',
    avatarUrl: (json.avatarUrl as string | undefined) ?? '',
  };
}

/** huggingface_hub `PaperInfo.__init__` (one item of list_papers / list_daily_papers, or paper_info). */
function paperInfo(input: Json) {
  const json: Json = { ...input };
  const paper = { ...((json.paper as Json | undefined) ?? {}) };
  const pop = (o: Json, k: string) => {
    const v = o[k];
    delete o[k];
    return v;
  };
  const id = pop(json, 'id') || pop(paper, 'id');
  const authors = (pop(paper, 'authors') || pop(json, 'authors')) as Json[] | undefined;
  const publishedAt = (pop(paper, 'publishedAt') || pop(json, 'publishedAt')) as string | undefined;
  const info = {
    id: id as string,
    authors: authors ? authors.map((a) => a.name as string) : null,
    publishedAt: publishedAt ? parseDatetime(publishedAt) : null,
    title: pop(json, 'title') as string | undefined,
    summary: (pop(paper, 'summary') || pop(json, 'summary')) as string | undefined,
    upvotes: (pop(paper, 'upvotes') || pop(json, 'upvotes')) as number | undefined,
    discussionId: (pop(paper, 'discussionId') || pop(json, 'discussionId')) as string | undefined,
    comments: (pop(json, 'numComments') ?? 0) as number,
    submittedAt: null as Date | null,
    submittedBy: null as ReturnType<typeof user> | null,
    extra: json,
  };
  const submittedAt = (pop(json, 'publishedAt') || pop(json, 'submittedOnDailyAt')) as
    string | undefined;
  info.submittedAt = submittedAt ? parseDatetime(submittedAt) : null;
  const by = (pop(json, 'submittedBy') || pop(json, 'submittedOnDailyBy')) as Json | undefined;
  info.submittedBy = by ? user(by) : null;
  return info;
}

/** huggingface_hub `_format`: the server's message a client shows for an error response. */
async function serverErrors(res: Response): Promise<string[]> {
  const out: string[] = [];
  const header = res.headers.get('X-Error-Message');
  if (header !== null) out.push(header);
  const data = (await res.json()) as Json;
  const error = data.error;
  if (Array.isArray(error)) out.push(...(error as string[]));
  else if (error !== undefined && error !== null) out.push(String(error));
  for (const e of (data.errors as Json[] | undefined) ?? [])
    if ('message' in e) out.push(String(e.message));
  return [...new Set(out.map((s) => s.trim()))].filter(Boolean);
}

const OLD_ID = 'cond-mat/0607501';
const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Every string under a key that names a time (`…At`), wherever it sits in a response. */
function timeFields(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) timeFields(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (/At$/.test(k) && typeof v === 'string') out.push(v);
      else timeFields(v, out);
    }
  return out;
}

describe.skipIf(!hasSharedData).each(dialects)(
  'huggingface_hub client contract on %s',
  (dialect) => {
    let t: TestRuntime;
    const reference = hasSharedData ? readHfReference() : [];
    beforeAll(async () => {
      t = await createTestRuntime(dialect);
      await seedApiFixture(t);
      await upsertRecords(
        t.runtime.db,
        t.clock,
        [
          {
            id: OLD_ID,
            title: 'Quantum critical superfluid flow through a nanopore',
            abstract: 'An old-style arXiv paper.',
            authors: ['A. Del Maestro', 'M. Rosenberg'],
            categories: ['cond-mat.stat-mech'],
            publishedAt: '2006-07-20T00:00:00Z',
            listingDate: '2006-07-21',
          },
        ],
        { source: 'test' },
      );
    });
    afterAll(() => t.cleanup());

    const json = async (url: string) => {
      const res = await t.app.request(url);
      expect(res.status).toBe(200);
      return (await res.json()) as unknown;
    };

    it('paper_info of an id that is not an arXiv id is a 404 with a message the client shows', async () => {
      for (const id of ['1234.56789', 'abc', '2410.1']) {
        const res = await t.app.request(`/api/papers/${id}`);
        expect(res.status).toBe(404);
        expect(await serverErrors(res)).toEqual([`There is no paper ${id} here.`]);
      }
    });

    it('every API error carries its reason in `error` and X-Error-Message', async () => {
      const res = await t.app.request('/api/daily_papers?date=2024-13-45');
      expect(res.status).toBe(400);
      const messages = await serverErrors(res);
      expect(messages[0]).toBe('Invalid date: expected a calendar day YYYY-MM-DD');
    });

    it('paper_info reads a listed paper: authors, dates, counts and who put it on the list', async () => {
      const ref = reference[0]!;
      const info = paperInfo((await json(`/api/papers/${ref.paper.id}`)) as Json);
      expect(info.id).toBe(ref.paper.id);
      expect(info.authors).toEqual(ref.paper.authors.map((a) => a.name));
      expect(info.publishedAt?.toISOString()).toBe(new Date(ref.paper.publishedAt).toISOString());
      expect(info.title).toBe(ref.title);
      expect(info.summary).toBe(ref.paper.summary.replace(/\s+/g, ' ').trim());
      expect(info.upvotes).toBe(ref.paper.upvotes);
      expect(info.comments).toBe(ref.numComments);
      expect(info.submittedAt).not.toBeNull();
      expect(info.submittedBy).toEqual({
        username: ref.submittedBy.name,
        fullname: ref.submittedBy.fullname,
        avatarUrl: ref.submittedBy.avatarUrl,
      });
    });

    it('paper_info, the citation routes and .md take old-style ids with their slash', async () => {
      const info = paperInfo((await json(`/api/papers/${OLD_ID}`)) as Json);
      expect(info.id).toBe(OLD_ID);
      expect(info.authors).toEqual(['A. Del Maestro', 'M. Rosenberg']);
      expect(paperInfo((await json(`/api/papers/cond-mat%2F0607501`)) as Json).id).toBe(OLD_ID);
      expect((await t.app.request(`/papers/${OLD_ID}/cite.bib`)).status).toBe(200);
      expect((await t.app.request(`/papers/${OLD_ID}.md`)).status).toBe(200);
      expect((await t.app.request(`/api/papers/cond-mat/0607502`)).status).toBe(404);
    });

    it('list_daily_papers past page 10000 is an empty list, not an error', async () => {
      expect(await json(`/api/daily_papers?date=${HF_DAY}&p=10001`)).toEqual([]);
      expect(await json(`/api/daily_papers?p=123456789`)).toEqual([]);
      expect(await json(`/api/daily_papers?date=${HF_DAY}&p=10000`)).toEqual([]);
    });

    it('list_daily_papers(submitter=…) with no date lists what that user submitted on any day', async () => {
      const name = reference[0]!.submittedBy.name;
      const want = reference
        .filter((r) => r.submittedBy.name === name)
        .map((r) => r.paper.id)
        .sort();
      const items = ((await json(`/api/daily_papers?submitter=${name}`)) as Json[]).map(paperInfo);
      expect(items.map((i) => i.id).sort()).toEqual(want);
      for (const item of items) expect(item.submittedBy?.username).toBe(name);
      expect(await json('/api/daily_papers?submitter=nobody-at-all')).toEqual([]);
    });

    it('list_daily_papers(sort="trending") with no date answers the trending list', async () => {
      // The one paper with activity this week (the fixture's member upvoted it) is what trends.
      const items = ((await json('/api/daily_papers?sort=trending&limit=5')) as Json[]).map(
        paperInfo,
      );
      expect(items.map((i) => [i.id, i.upvotes])).toEqual([[NASTY_ID, 1]]);
    });

    it('list_papers() without a query answers the latest list in the search shape', async () => {
      const items = ((await json('/api/papers/search')) as Json[]).map(paperInfo);
      expect(items).toHaveLength(reference.length + 1);
      expect(new Set(items.map((i) => i.id))).toEqual(
        new Set([...reference.map((r) => r.paper.id), NASTY_ID]),
      );
      const found = ((await json('/api/papers/search?q=video')) as Json[]).map(paperInfo);
      expect(found.length).toBeGreaterThan(0);
    });

    it('sends every time ending in Z with milliseconds, as parse_datetime needs', async () => {
      const bodies = await Promise.all(
        [
          `/api/daily_papers?date=${HF_DAY}`,
          `/api/papers/${reference[0]!.paper.id}`,
          `/api/papers/${OLD_ID}`,
          '/api/papers/search?q=video',
          '/api/papers?limit=5',
        ].map(json),
      );
      const times = timeFields(bodies);
      expect(times.length).toBeGreaterThan(60);
      for (const time of times) expect(time).toMatch(ISO_Z);
    });

    it('answers a paper page asked for text/markdown with Markdown', async () => {
      const res = await t.app.request(`/papers/${reference[0]!.paper.id}`, {
        headers: { Accept: 'text/markdown' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
      expect((await res.text()).split('\n')[0]).toBe(`# ${reference[0]!.title}`);
      const html = await t.app.request(`/papers/${reference[0]!.paper.id}`, {
        headers: { Accept: 'text/html,text/markdown;q=0.5' },
      });
      expect(html.headers.get('content-type')).toContain('text/html');
    });
  },
);
