import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedFile } from '../../../test/support/shared-data.ts';
import { ownFixture, readShared } from '../../../test/fixtures/ingest/recorded.ts';
import { oaiListUrl, OaiError, parseOaiResponse } from './oai-pmh.ts';

describe.skipIf(!hasSharedData)('OAI-PMH parser on every recorded answer', () => {
  it('covers all seven recorded files', () => {
    expect(
      fs.readdirSync(sharedFile('arxiv-oai-pmh')).filter((f) => f.endsWith('.xml')),
    ).toHaveLength(7);
  });

  it('reads a ListRecords page in arXivRaw: version history, dates, authors, token', () => {
    const page = parseOaiResponse(readShared('arxiv-oai-pmh', 'ListRecordsResponse.xml'));
    expect(page.failures).toEqual([]);
    expect(page.records.map((r) => r.id)).toEqual([
      '0704.0471',
      '0704.0716',
      '0704.0874',
      expect.any(String),
      expect.any(String),
      '0704.1586',
    ]);
    expect(page.resumptionToken).toEqual({
      token: '726959|1001',
      cursor: 0,
      completeListSize: 58011,
    });
    expect(page.responseDate).toBe('2015-01-06T20:49:59Z');
    const richard = page.records[1]!;
    expect(richard).toMatchObject({
      version: 4,
      authors: ['Christoph Richard'],
      categories: ['math-ph', 'math.MP'],
      publishedAt: '2007-04-05T12:45:03.000Z',
      updatedAt: '2008-11-14T09:07:25.000Z',
      license: 'http://arxiv.org/licenses/nonexclusive-distrib/1.0/',
    });
    expect(richard.versions).toEqual([
      { version: 1, date: '2007-04-05T12:45:03.000Z', size: '43kb' },
      { version: 2, date: '2007-09-28T15:13:43.000Z', size: '48kb' },
      { version: 3, date: '2008-02-29T16:05:39.000Z', size: '48kb' },
      { version: 4, date: '2008-11-14T09:07:25.000Z', size: '49kb' },
    ]);
    expect(page.records[0]).toMatchObject({
      authors: ['D.V. Shetty', 'S.J. Yennello', 'G.A. Souliotis'],
      doi: '10.1103/PhysRevC.76.024606',
      journalRef: 'Phys.Rev.C76:024606,2007; Erratum-ibid.C76:039902,2007',
    });
    expect(page.records[5]!.authors).toEqual(['N.C. Summers', 'F.M. Nunes']);
  });

  it('reads GetRecord', () => {
    const page = parseOaiResponse(readShared('arxiv-oai-pmh', 'GetRecordResponse.xml'));
    expect(page.resumptionToken).toBeNull();
    expect(page.records).toHaveLength(1);
    expect(page.records[0]).toMatchObject({
      id: '1302.2146',
      version: 2,
      authors: ['Joshua Berger', 'Maxim Perelstein', 'Michael Saelim', 'Philip Tanedo'],
      categories: ['hep-ph', 'hep-ex'],
      comment: '18 pages, 6 figures; v2: References added',
    });
  });

  it('treats noRecordsMatch as an empty page and every other OAI error as a clear error', () => {
    const empty = parseOaiResponse(readShared('arxiv-oai-pmh', 'ErrorResponseNoRecordsMatch.xml'));
    expect(empty).toMatchObject({ records: [], failures: [], resumptionToken: null });
    const errors: [string, string, string][] = [
      [
        'ErrorResponseBadArgument.xml',
        'badArgument',
        "Verb 'ListRecords', illegal argument 'identifier'.",
      ],
      [
        'ErrorResponseBadResumptionToken.xml',
        'badResumptionToken',
        'The resumptionToken supplied is illegal for this repository',
      ],
      ['ErrorResponseBadVerb.xml', 'badVerb', "Bad verb. Verb 'wah' not implemented."],
      [
        'ErrorResponseIdDoesNotExist.xml',
        'idDoesNotExist',
        "Identifier 'oai:arXiv.org:0813.2274' has correct form but does not correspond to an item in this repository",
      ],
    ];
    for (const [file, code, message] of errors) {
      let caught: unknown;
      try {
        parseOaiResponse(readShared('arxiv-oai-pmh', file));
      } catch (error) {
        caught = error;
      }
      expect(caught, file).toBeInstanceOf(OaiError);
      expect((caught as OaiError).code).toBe(code);
      expect((caught as OaiError).message).toBe(
        `arxiv-oai: the OAI-PMH server answered ${code}: ${message}`,
      );
    }
  });
});

describe('OAI-PMH parser, arXiv format and requests', () => {
  it('reads the arXiv metadata format by namespace, and skips deleted records', () => {
    const page = parseOaiResponse(ownFixture('oai-arxiv-format.xml'));
    expect(page.deleted).toEqual(['oai:arXiv.org:0704.0002']);
    expect(page.records).toEqual([
      expect.objectContaining({
        id: '0704.0001',
        authors: ['C. Balázs', 'E. L. Berger', 'P. M. Nadolsky', 'C. -P. Yuan'],
        categories: ['hep-ph'],
        publishedAt: '2007-04-02',
        updatedAt: '2008-11-13',
        doi: '10.1103/PhysRevD.76.013009',
        journalRef: 'Phys.Rev.D76:013009,2007',
      }),
    ]);
  });

  it('builds ListRecords requests for a new harvest and for its continuation', () => {
    expect(oaiListUrl('https://o/oai', { format: 'arXivRaw', from: '2024-01-01', set: 'cs' })).toBe(
      'https://o/oai?verb=ListRecords&metadataPrefix=arXivRaw&from=2024-01-01&set=cs',
    );
    expect(oaiListUrl('https://o/oai', { resumptionToken: '726959|1001' })).toBe(
      'https://o/oai?verb=ListRecords&resumptionToken=726959%7C1001',
    );
  });
});
