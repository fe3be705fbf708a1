import Parser from 'rss-parser';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HF_DAY,
  NASTY_ID,
  NASTY_TITLE,
  seedApiFixture,
  type ApiFixture,
} from '../../../test/support/api-fixture.ts';
import { dialects } from '../../../test/support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/support/runtime.ts';
import { hasSharedData } from '../../../test/support/shared-data.ts';
import { renderAtom } from './atom.ts';
import type { FeedDoc } from './feed.ts';
import { feedLinksFor } from './feed-links.ts';
import { renderJsonFeed } from './json-feed.ts';
import { personalFeedToken } from './personal-feed-token.ts';
import { renderRss } from './rss.ts';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const RFC822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Checks a JSON Feed 1.1 document against the fields its specification requires. */
function checkJsonFeed(feed: Record<string, unknown>): void {
  expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
  expect(typeof feed.title).toBe('string');
  expect(typeof feed.feed_url).toBe('string');
  expect(Array.isArray(feed.items)).toBe(true);
  const ids = new Set<string>();
  for (const item of feed.items as Record<string, unknown>[]) {
    expect(typeof item.id).toBe('string');
    ids.add(item.id as string);
    expect(typeof item.content_text === 'string' || typeof item.content_html === 'string').toBe(
      true,
    );
    expect(item.date_published).toMatch(RFC3339);
    expect(item.date_modified).toMatch(RFC3339);
    for (const a of item.authors as { name: string }[]) expect(typeof a.name).toBe('string');
  }
  expect(ids.size).toBe((feed.items as unknown[]).length);
}

describe('feed renderers', () => {
  const hostile = `Title <b>&amp; ]]> "q" \u0001\u0008\u000b\uffff\ud800 end`;
  const doc: FeedDoc = {
    id: 'http://localhost:3000/feeds/daily',
    title: hostile,
    description: 'a & b',
    homePageUrl: 'http://localhost:3000/',
    feedUrls: { rss: 'http://x/f.rss', atom: 'http://x/f.atom', json: 'http://x/f.json' },
    updated: new Date('2026-07-01T12:00:00Z'),
    items: [
      {
        id: 'http://localhost:3000/papers/2606.00001',
        url: 'http://localhost:3000/papers/2606.00001?a=1&b=2',
        title: hostile,
        summary: 'x < y ]]> z',
        authors: ['A <x>'],
        categories: ['cs.LG'],
        published: new Date('2026-06-30T00:00:00Z'),
        updated: new Date('2026-06-30T00:00:00Z'),
      },
    ],
  };
  const expected = 'Title <b>&amp; ]]> "q"  end';

  it('escapes everything and drops characters XML cannot carry, in RSS, Atom and JSON Feed', async () => {
    const parser = new Parser();
    const rss = await parser.parseString(renderRss(doc));
    expect(rss.title).toBe(expected);
    expect(rss.items[0]!.title).toBe(expected);
    expect(rss.items[0]!.link).toBe('http://localhost:3000/papers/2606.00001?a=1&b=2');
    expect(rss.items[0]!.content).toBe('x < y ]]> z');
    const atom = await parser.parseString(renderAtom(doc));
    expect(atom.items[0]!.title).toBe(expected);
    expect(atom.items[0]!.id).toBe('http://localhost:3000/papers/2606.00001');
    const json = JSON.parse(renderJsonFeed(doc)) as { title: string; items: { title: string }[] };
    expect(json.items[0]!.title).toBe(expected);
    checkJsonFeed(json);
    // A strict XML parser accepts both documents too.
    for (const xml of [renderRss(doc), renderAtom(doc)])
      expect(() => new XMLParser({ processEntities: true }).parse(xml, true)).not.toThrow();
  });
});

describe.skipIf(!hasSharedData).each(dialects)('feeds on %s', (dialect) => {
  let t: TestRuntime;
  let fixture: ApiFixture;
  const parser = new Parser();
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    fixture = await seedApiFixture(t);
  });
  afterAll(() => t.cleanup());

  const feedsOf = () => [
    `/feeds/daily.FMT?date=${HF_DAY}`,
    '/feeds/daily.FMT',
    '/feeds/weekly.FMT?week=2024-W43',
    '/feeds/trending.FMT?window=30d',
    '/feeds/category/cs.CL.FMT',
    '/feeds/search.FMT?q=contrastive',
    `/feeds/user/${personalFeedToken(t.runtime.secret, fixture.member.id)}.FMT`,
  ];

  it('serves every feed in RSS, Atom and JSON Feed that real parsers read, with correct dates and ids', async () => {
    for (const path of feedsOf()) {
      const rssRes = await t.app.request(path.replace('FMT', 'rss'));
      expect(rssRes.status, path).toBe(200);
      expect(rssRes.headers.get('content-type')).toContain('application/rss+xml');
      const rss = await parser.parseString(await rssRes.text());
      expect(rss.items.length, path).toBeGreaterThan(0);
      for (const item of rss.items) {
        expect(item.pubDate).toMatch(RFC822);
        expect(item.guid).toMatch(/^http:\/\/localhost:3000\/papers\//);
      }
      const atomRes = await t.app.request(path.replace('FMT', 'atom'));
      expect(atomRes.headers.get('content-type')).toContain('application/atom+xml');
      const atom = await parser.parseString(await atomRes.text());
      expect(atom.items.length).toBe(rss.items.length);
      for (const item of atom.items) {
        expect(item.id).toMatch(/^http:\/\/localhost:3000\/papers\//);
        expect(item.isoDate).toMatch(RFC3339);
      }
      const jsonRes = await t.app.request(path.replace('FMT', 'json'));
      expect(jsonRes.headers.get('content-type')).toContain('application/feed+json');
      const json = (await jsonRes.json()) as Record<string, unknown>;
      checkJsonFeed(json);
      expect((json.items as unknown[]).length).toBe(rss.items.length);
    }
  });

  it('keeps hostile titles intact through every format', async () => {
    const rss = await parser.parseString(
      await (await t.app.request('/feeds/category/cs.CL.rss')).text(),
    );
    expect(rss.items.map((i) => i.title)).toContain(NASTY_TITLE);
    const atom = await parser.parseString(
      await (await t.app.request('/feeds/category/cs.CL.atom')).text(),
    );
    expect(atom.items.map((i) => i.title)).toContain(NASTY_TITLE);
  });

  it('gives the personal feed the member’s upvoted papers behind an unguessable URL', async () => {
    const token = personalFeedToken(t.runtime.secret, fixture.member.id);
    const json = (await (await t.app.request(`/feeds/user/${token}.json`)).json()) as {
      items: { id: string }[];
    };
    expect(json.items.map((i) => i.id)).toEqual([`http://localhost:3000/papers/${NASTY_ID}`]);
    const forged = `${fixture.member.id}-${'A'.repeat(32)}`;
    expect((await t.app.request(`/feeds/user/${forged}.json`)).status).toBe(404);
  });

  it('answers 304 to If-None-Match and If-Modified-Since', async () => {
    const first = await t.app.request(`/feeds/daily.atom?date=${HF_DAY}`);
    const etag = first.headers.get('etag')!;
    const modified = first.headers.get('last-modified')!;
    expect(modified).toMatch(RFC822);
    expect(
      (
        await t.app.request(`/feeds/daily.atom?date=${HF_DAY}`, {
          headers: { 'if-none-match': etag },
        })
      ).status,
    ).toBe(304);
    expect(
      (
        await t.app.request(`/feeds/daily.atom?date=${HF_DAY}`, {
          headers: { 'if-modified-since': modified },
        })
      ).status,
    ).toBe(304);
  });

  it('offers autodiscovery links for pages to pass to the layout', async () => {
    const links = feedLinksFor('search', { q: 'a&b' });
    expect(links.map((l) => l.type)).toEqual([
      'application/rss+xml',
      'application/atom+xml',
      'application/feed+json',
    ]);
    expect(links[0]!.href).toBe('/feeds/search.rss?q=a%26b');
    const res = await t.app.request(links[1]!.href);
    expect(res.status).toBe(200);
  });
});
