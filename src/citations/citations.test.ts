import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import type { Paper } from '../domain/paper.ts';
import { upsertRecords } from '../papers/paper.service.ts';
import { bibText, toBibtex } from './bibtex.ts';
import { toCslItem } from './csl-json.ts';
import { highwireTags } from './highwire.tsx';
import { toMarkdown } from './markdown.ts';
import { splitName } from './names.ts';
import { toRis } from './ris.ts';

const paper: Paper = {
  id: '2503.11677',
  version: 2,
  title: 'Simulation of {prosthetic} vision & 50% of $x_i$ #faces',
  abstract: 'Objective. Patients <implanted> read & write.\n\nSecond paragraph.',
  authors: [
    'Jungyeon Park',
    'Anna Kochnev Goldstein',
    'Ludwig van Beethoven',
    'Plato',
    'Martin Luther King Jr.',
  ],
  categories: ['cs.HC', 'cs.CV'],
  publishedAt: '2025-03-14T17:59:30Z',
  updatedAt: '2025-03-20T10:00:00Z',
  listingDate: '2025-03-18',
  comment: '12 pages\nwith a newline',
  journalRef: null,
  doi: '10.1000/xyz123',
  license: null,
  codeRepo: null,
  projectPage: null,
  versions: [],
};

describe('citation formats', () => {
  it('splits names with particles, suffixes and single names', () => {
    expect(splitName('Anna Kochnev Goldstein')).toEqual({
      family: 'Goldstein',
      given: 'Anna Kochnev',
    });
    expect(splitName('Ludwig van Beethoven')).toEqual({ family: 'van Beethoven', given: 'Ludwig' });
    expect(splitName('Martin Luther King Jr.')).toEqual({
      family: 'King',
      given: 'Martin Luther, Jr.',
    });
    expect(splitName('Plato')).toMatchObject({ literal: 'Plato' });
  });

  it('writes arXiv-style BibTeX with escaped text and TeX math kept', () => {
    const bib = toBibtex(paper);
    expect(bib).toMatch(/^@misc\{park2025simulation,\n/);
    expect(bib).toContain(
      'title = {Simulation of {prosthetic} vision \\& 50\\% of $x_i$ \\#faces}',
    );
    expect(bib).toContain(
      'author = {Park, Jungyeon and Goldstein, Anna Kochnev and van Beethoven, Ludwig and Plato and King, Martin Luther, Jr.}',
    );
    for (const field of [
      'year = {2025}',
      'eprint = {2503.11677}',
      'archivePrefix = {arXiv}',
      'primaryClass = {cs.HC}',
      'url = {https://arxiv.org/abs/2503.11677}',
      'doi = {10.1000/xyz123}',
    ])
      expect(bib).toContain(field);
    expect(bibText('a } b {')).toBe('a \\} b \\{');
  });

  it('writes RIS with one line per value and an end record', () => {
    const ris = toRis(paper);
    const lines = ris.split('\r\n');
    expect(lines[0]).toBe('TY  - UNPB');
    expect(lines.filter((l) => l.startsWith('AU  - '))).toHaveLength(5);
    expect(lines).toContain('DA  - 2025/03/14');
    expect(lines).toContain('N1  - 12 pages with a newline');
    expect(lines).toContain('DO  - 10.1000/xyz123');
    expect(lines).toContain('L1  - https://arxiv.org/pdf/2503.11677v2');
    expect(ris.endsWith('ER  - \r\n')).toBe(true);
    for (const line of lines.filter(Boolean)) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
  });

  it('writes CSL-JSON items citeproc reads', () => {
    const item = toCslItem(paper);
    expect(item).toMatchObject({
      type: 'article',
      title: paper.title,
      issued: { 'date-parts': [[2025, 3, 14]] },
      DOI: '10.1000/xyz123',
      number: 'arXiv:2503.11677',
    });
    expect(item.author[3]).toEqual({ literal: 'Plato' });
  });

  it('writes Markdown in which paper text cannot inject markup', () => {
    const md = toMarkdown(paper);
    expect(md.split('\n')[0]).toBe(
      '# Simulation of \\{prosthetic\\} vision \\& 50% of $x\\_i$ \\#faces',
    );
    expect(md).toContain('Patients \\<implanted\\> read \\& write.');
    expect(md).toContain('[PDF](https://arxiv.org/pdf/2503.11677v2)');
  });

  it('gives Highwire dates as YYYY/MM/DD and one author tag per author', () => {
    const tags = highwireTags(paper, 'http://localhost:3000/papers/2503.11677');
    expect(tags.filter(([n]) => n === 'citation_author').map(([, v]) => v)[0]).toBe(
      'Park, Jungyeon',
    );
    expect(
      Object.fromEntries(
        tags.filter(([n]) => n !== 'citation_author' && n !== 'citation_keywords'),
      ),
    ).toMatchObject({
      citation_publication_date: '2025/03/14',
      citation_online_date: '2025/03/14',
      citation_arxiv_id: '2503.11677',
      citation_pdf_url: 'https://arxiv.org/pdf/2503.11677v2',
    });
  });
});

/**
 * What a reference manager (Zotero's Embedded Metadata translator, Google Scholar) reads from a
 * page: the `citation_*` meta tags, decoded as a browser decodes attributes.
 */
function referenceManagerView(html: string) {
  const meta: [string, string][] = [];
  for (const m of html.matchAll(/<meta\s+name="(citation_[a-z_]+)"\s+content="([^"]*)"\s*\/?>/g))
    meta.push([m[1]!, decode(m[2]!)]);
  const one = (name: string) => meta.find(([n]) => n === name)?.[1];
  return {
    title: one('citation_title'),
    creators: meta.filter(([n]) => n === 'citation_author').map(([, v]) => v),
    date: one('citation_publication_date') ?? one('citation_date'),
    pdf: one('citation_pdf_url'),
    arxivId: one('citation_arxiv_id'),
    url: one('citation_abstract_html_url'),
  };
}
const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe.each(dialects)('paper page citation meta on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await upsertRecords(
      t.runtime.db,
      t.clock,
      [{ ...paper, title: 'A "quoted" <b>title</b> & more' }],
      { source: 'test' },
    );
  });
  afterAll(() => t.cleanup());

  it('lets a reference manager read title, authors, date, PDF and arXiv id from the page', async () => {
    const res = await t.app.request('/papers/2503.11677');
    expect(res.status).toBe(200);
    const view = referenceManagerView(await res.text());
    expect(view).toEqual({
      title: 'A "quoted" <b>title</b> & more',
      creators: [
        'Park, Jungyeon',
        'Goldstein, Anna Kochnev',
        'van Beethoven, Ludwig',
        'Plato',
        'King, Martin Luther, Jr.',
      ],
      date: '2025/03/14',
      pdf: 'https://arxiv.org/pdf/2503.11677v2',
      arxivId: '2503.11677',
      url: 'http://localhost:3000/papers/2503.11677',
    });
  });

  it('serves the paper as BibTeX, RIS, CSL-JSON and Markdown', async () => {
    const bib = await t.app.request('/papers/2503.11677/cite.bib');
    expect(bib.headers.get('content-type')).toContain('application/x-bibtex');
    expect(await bib.text()).toContain('eprint = {2503.11677}');
    expect(await (await t.app.request('/papers/2503.11677/cite.ris')).text()).toMatch(
      /^TY {2}- UNPB/,
    );
    const csl = (await (await t.app.request('/papers/2503.11677/cite.json')).json()) as {
      id: string;
    }[];
    expect(csl[0]!.id).toBe('arXiv:2503.11677');
    const md = await t.app.request('/papers/2503.11677.md');
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(await md.text()).toMatch(/^# A "quoted" \\<b\\>title\\<\/b\\> \\& more/);
  });
});
