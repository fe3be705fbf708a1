import { describe, expect, it } from 'vitest';
import { hasSharedData } from '../../../test/support/shared-data.ts';
import { allArchivesFeed, ownFixture, readShared } from '../../../test/fixtures/ingest/recorded.ts';
import { parseListingFeed } from './arxiv-rss.ts';
import { feedDay } from './listing-date.ts';

describe.skipIf(!hasSharedData)('arXiv listing feed parser on the recorded feeds', () => {
  it('reads all 1,504 items of every archive with their announce types', () => {
    const feed = parseListingFeed(allArchivesFeed());
    expect(feed.failures).toEqual([]);
    expect(feed.listingDate).toBe('2024-11-28');
    expect(feed.items).toHaveLength(1504);
    const count = (type: string) => feed.items.filter((i) => i.announceType === type).length;
    expect([count('new'), count('replace'), count('cross')]).toEqual([926, 569, 9]);
    for (const item of feed.items) {
      expect(item.record.abstract).not.toMatch(/^arXiv:|Announce Type/);
      expect(item.record.title.trim()).not.toBe('');
      expect(item.record.categories.length).toBeGreaterThan(0);
      expect(item.record.license).toMatch(/^http/);
      const listed = item.announceType === 'new' || item.announceType === 'cross';
      expect(item.record.listingDate ?? null).toBe(listed ? '2024-11-28' : null);
    }
  });

  it('maps an item: id and version, abstract without the announcement prefix, authors, license', () => {
    const feed = parseListingFeed(allArchivesFeed());
    const first = feed.items[0]!.record;
    expect(first).toMatchObject({
      id: '2411.17700',
      version: 1,
      authors: ['Jun Cui'],
      categories: ['cs.CY'],
      license: 'http://creativecommons.org/licenses/by/4.0/',
      listingDate: '2024-11-28',
    });
    expect(first.abstract).toMatch(/^This study investigates the influence of generative/);
    const textured = feed.items.find((i) => i.record.id === '2411.18625')!.record;
    expect(textured.authors).toHaveLength(11);
    expect(textured.authors[0]).toBe('Brian Chao');
    const cross = feed.items.find((i) => i.record.id === '2202.06515')!;
    expect(cross).toMatchObject({
      announceType: 'cross',
      record: {
        version: 3,
        doi: '10.1063/5.0236964',
        journalRef: 'Physics of Fluids 36, 117158 (2024)',
        categories: ['astro-ph.CO', 'astro-ph.GA', 'physics.flu-dyn'],
      },
    });
  });

  it('takes an empty feed as no listing, and the error feed as a clear error', () => {
    const empty = parseListingFeed(
      readShared('arxiv-rss', 'rss-empty-test-archive-2024-11-28.xml'),
    );
    expect(empty).toEqual({ listingDate: '2024-11-28', items: [], failures: [] });
    expect(() =>
      parseListingFeed(readShared('arxiv-rss', 'rss-error-bad-archive-2024-11-28.xml')),
    ).toThrow(
      /^arxiv-rss: arXiv refused the feed: Bad archive 'astroph'\. Valid archive names are: /,
    );
  });
});

describe('arXiv listing feed parser, Atom variant and dates', () => {
  it('reads the Atom listing by namespace: new items listed, replacements not', () => {
    const feed = parseListingFeed(ownFixture('atom-listing.xml'));
    expect(feed.listingDate).toBe('2024-11-28');
    expect(
      feed.items.map((i) => [i.record.id, i.announceType, i.record.listingDate ?? null]),
    ).toEqual([
      ['2411.18625', 'new', '2024-11-28'],
      ['2302.08913', 'replace', null],
    ]);
    expect(feed.items[0]!.record.authors).toEqual(['Brian Chao', 'Hung-Yu Tseng', 'Lorenzo Porzi']);
    expect(feed.items[1]!.record).toMatchObject({
      version: 5,
      authors: ["Mat\\'eo Mahaut", 'Francesca Franzon'],
      license: 'http://creativecommons.org/licenses/by/4.0/',
    });
    expect(feed.items[1]!.record.abstract).toMatch(/^As large pre-trained/);
  });

  it("takes the listing day as written in the feed's own time zone", () => {
    expect(feedDay('Thu, 28 Nov 2024 00:00:00 -0500')).toBe('2024-11-28');
    expect(feedDay('Mon, 2 Dec 2024 20:00:00 -0500')).toBe('2024-12-02');
    expect(feedDay('2024-11-28T00:00:00-05:00')).toBe('2024-11-28');
    expect(feedDay(null, 'garbage', 'Fri, 29 Nov 2024 01:00:00 +0000')).toBe('2024-11-29');
    expect(feedDay('Thu, 31 Feb 2024 00:00:00 -0500')).toBeNull();
  });
});
