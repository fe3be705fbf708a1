import { describe, expect, it } from 'vitest';
import { hasSharedData } from '../../../test/support/shared-data.ts';
import { recordedApiExchanges } from '../../../test/fixtures/ingest/recorded.ts';
import { NS } from './xml.ts';
import { parseArxivAtom } from './arxiv-atom.ts';

describe.skipIf(!hasSharedData)('arXiv API Atom parser on every recorded answer', () => {
  const exchanges = hasSharedData ? recordedApiExchanges() : [];

  it('reads all 20 recorded answers: entries, totals and the error feed', () => {
    expect(exchanges).toHaveLength(20);
    for (const exchange of exchanges) {
      const entryCount = exchange.body.match(/<entry>/g)?.length ?? 0;
      if (exchange.status === 400) {
        expect(() => parseArxivAtom(exchange.body, 'arxiv-api'), exchange.file).toThrow(
          'arxiv-api: the arXiv API refused the query: incorrect id format for abc',
        );
        continue;
      }
      const page = parseArxivAtom(exchange.body, 'arxiv-api');
      expect(page.failures, exchange.file).toEqual([]);
      expect(page.entries, exchange.file).toHaveLength(entryCount);
      const total = Number(/<opensearch:totalResults>(\d+)</.exec(exchange.body)?.[1]);
      expect(page.totalResults, exchange.file).toBe(total);
      for (const { record } of page.entries) {
        expect(record.title.trim(), `${exchange.file} ${record.id}`).not.toBe('');
        expect(record.authors.length, `${exchange.file} ${record.id}`).toBeGreaterThan(0);
        expect(record.categories.length).toBeGreaterThan(0);
        expect(record.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      }
    }
  });

  it('maps an entry: id and version from the abs URL, primary category first, authors in order', () => {
    const body = exchanges.find((e) => e.file.startsWith('id_1605.08386'))!.body;
    const [entry] = parseArxivAtom(body, 'arxiv-api').entries;
    expect(entry!.record).toMatchObject({
      id: '1605.08386',
      version: 1,
      title: 'Heat-bath random walks with Markov bases',
      authors: ['Caprice Stanley', 'Tobias Windisch'],
      categories: ['math.CO', 'math.ST'],
      publishedAt: '2016-05-26T17:59:46Z',
      updatedAt: '2016-05-26T17:59:46Z',
      comment: '20 pages, 3 figures',
      journalRef: null,
      doi: null,
      versions: [{ version: 1, date: '2016-05-26T17:59:46Z' }],
    });
    expect(entry!.links.map((l) => l.href)).toEqual([
      'https://arxiv.org/abs/1605.08386v1',
      'https://arxiv.org/pdf/1605.08386v1',
    ]);
  });

  it('reads old-style ids, journal references, DOIs and later versions', () => {
    const old = exchanges.find((e) => e.file.startsWith('id_astro-ph_0601001'))!.body;
    expect(parseArxivAtom(old, 'arxiv-api').entries[0]!.record).toMatchObject({
      id: 'astro-ph/0601001',
      journalRef: 'ActaAstron.56:1-50,2006',
      authors: ['Andrew Gould', 'Susan Dorsher', 'B. Scott Gaudi', 'Andrzej Udalski'],
    });
    const all = exchanges.flatMap((e) =>
      e.status === 200 ? parseArxivAtom(e.body, 'arxiv-api').entries : [],
    );
    const withDoi = all.find((e) => e.record.doi);
    expect(withDoi?.record.doi).toMatch(/^10\./);
    const revised = all.find((e) => (e.record.version ?? 1) > 1)!;
    expect(revised.record.versions).toEqual([
      { version: 1, date: revised.record.publishedAt },
      { version: revised.record.version, date: revised.record.updatedAt },
    ]);
  });

  it('parses the older layout (namespaces declared on each element, other prefixes) the same way', () => {
    const body = exchanges.find((e) => e.file.startsWith('q_testing_s0_m10_'))!.body;
    const rewritten = body
      .replace(/<feed [^>]*>/, `<atom:feed xmlns:atom="${NS.atom}">`)
      .replace('</feed>', '</atom:feed>')
      .replace(
        /<(\/?)(id|title|updated|link|summary|category|published|author|name|entry)([ >/])/g,
        '<$1atom:$2$3',
      )
      .replace(/<(\/?)opensearch:/g, `<$1os:`)
      .replace(/<os:(\w+)>/g, `<os:$1 xmlns:os="${NS.opensearch}">`)
      .replace(/<arxiv:(\w+)([ >/])/g, `<ax:$1 xmlns:ax="${NS.arxiv}"$2`)
      .replace(/<\/arxiv:/g, '</ax:');
    expect(rewritten).not.toContain('xmlns:arxiv');
    const original = parseArxivAtom(body, 'arxiv-api');
    expect(parseArxivAtom(rewritten, 'arxiv-api')).toEqual(original);
  });

  it('reports a broken entry by position and id, and keeps the others', () => {
    const body = exchanges.find((e) => e.file.startsWith('q_testing_s0_m10_'))!.body;
    const entries = body.split('<entry>');
    entries[2] = entries[2]!.replace(/<id>[^<]*<\/id>/, '<id>https://example.org/not-a-paper</id>');
    entries[3] = entries[3]!.replace(
      /<summary>[^<]*<\/summary>/,
      `<summary>${'x'.repeat(150_000)}</summary>`,
    );
    const page = parseArxivAtom(entries.join('<entry>'), 'arxiv-api');
    expect(page.entries).toHaveLength(8);
    expect(page.failures).toEqual([
      {
        record: 'entry 2 (https://example.org/not-a-paper)',
        reason: 'invalid arXiv id "https://example.org/not-a-paper"',
      },
      {
        record: expect.stringMatching(/^entry 3 \(/),
        reason: 'abstract is 150000 characters (more than 100000)',
      },
    ]);
  });
});
