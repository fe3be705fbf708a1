import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import type { Paper } from '../domain/paper.ts';
import { upsertRecords } from '../papers/paper.service.ts';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import { bibText, toBibtex, toBibtexList } from './bibtex.ts';
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
  it('splits names with particles, suffixes, groups and single names', () => {
    expect(splitName('Anna Kochnev Goldstein')).toEqual({
      family: 'Goldstein',
      given: 'Anna Kochnev',
    });
    expect(splitName('Ludwig van Beethoven')).toEqual({
      family: 'Beethoven',
      particle: 'van',
      given: 'Ludwig',
    });
    expect(splitName('A. Del Maestro')).toEqual({ family: 'Del Maestro', given: 'A.' });
    expect(splitName('Juan Carlos Dos Santos')).toEqual({
      family: 'Dos Santos',
      given: 'Juan Carlos',
    });
    expect(splitName('Van Tran')).toEqual({ family: 'Tran', given: 'Van' });
    expect(splitName('Martin Luther King Jr.')).toEqual({
      family: 'King',
      given: 'Martin Luther',
      suffix: 'Jr.',
    });
    expect(splitName('The ATLAS Collaboration')).toMatchObject({
      literal: 'The ATLAS Collaboration',
    });
    expect(splitName('Plato')).toMatchObject({ literal: 'Plato' });
  });

  it('writes arXiv-style BibTeX that a BibTeX parser reads back field for field', () => {
    const bib = toBibtex(paper);
    expect(bib).toMatch(/^@misc\{park2025simulation,\n/);
    expect(bib).toContain('  month = mar,\n');
    const { entries, errors } = parseBibtex(bib, { caseProtection: 'strict' });
    expect(errors).toEqual([]);
    expect(entries).toHaveLength(1);
    const fields = entries[0]!.fields;
    expect(entries[0]!.type).toBe('misc');
    expect(fields.title).toBe(
      'Simulation of {prosthetic} vision & 50% of <span class="nocase">x<sub>i</sub></span> #faces',
    );
    expect(fields.author).toEqual([
      { lastName: 'Park', firstName: 'Jungyeon' },
      { lastName: 'Goldstein', firstName: 'Anna Kochnev' },
      { lastName: 'Beethoven', firstName: 'Ludwig', prefix: 'van' },
      { name: 'Plato' },
      { lastName: 'King', firstName: 'Martin Luther', suffix: 'Jr.' },
    ]);
    expect(fields).toMatchObject({
      year: '2025',
      month: '3',
      eprint: '2503.11677',
      archiveprefix: 'arXiv',
      primaryclass: 'cs.HC',
      url: 'https://arxiv.org/abs/2503.11677',
      doi: '10.1000/xyz123',
    });
    expect(bibText('a } b {')).toBe('a \\} b \\{');
  });

  it('keeps name particles, month macros, acronyms, accents and old-style ids through a BibTeX parser', () => {
    const old: Paper = {
      ...paper,
      id: 'cond-mat/0607501',
      version: 1,
      title: 'BERT: Fast QEC decoders for $\\mathbb{F}_q$ codes in LLMs',
      authors: ['A. Del Maestro', 'José Núñez', 'The ATLAS Collaboration'],
      categories: ['cond-mat.stat-mech'],
      publishedAt: '2006-06-20T12:00:00Z',
      doi: '10.1103/PhysRevB.74.144506',
      journalRef: 'Phys. Rev. B 74, 144506 (2006)',
    };
    const bib = toBibtex(old);
    expect(bib).toContain('  month = jun,\n');
    expect(bib).toContain('{$\\mathbb{F}_q$}');
    const { entries } = parseBibtex(bib, { caseProtection: 'strict', unsupported: 'ignore' });
    const fields = entries[0]!.fields;
    expect(entries[0]!.key).toBe('delmaestro2006bert');
    // The parser returns accents decomposed (NFD), as TeX wrote them.
    expect(JSON.parse(JSON.stringify(fields.author).normalize('NFC'))).toEqual([
      { lastName: 'Del Maestro', firstName: 'A.' },
      { lastName: 'Núñez', firstName: 'José' },
      { name: 'The ATLAS Collaboration' },
    ]);
    expect(fields.title).toContain(
      '<span class="nocase">BERT</span>: Fast <span class="nocase">QEC</span>',
    );
    expect(fields.title).toContain('<span class="nocase">LLMs</span>');
    expect(fields).toMatchObject({
      month: '6',
      year: '2006',
      eprint: 'cond-mat/0607501',
      url: 'https://arxiv.org/abs/cond-mat/0607501',
      doi: '10.1103/PhysRevB.74.144506',
      note: 'Phys. Rev. B 74, 144506 (2006)',
    });
  });

  it('gives each entry of a list its own key', () => {
    const { entries } = parseBibtex(toBibtexList([paper, paper, { ...paper, id: '2503.11678' }]));
    expect(entries.map((e) => e.key)).toEqual([
      'park2025simulation',
      'park2025simulationa',
      'park2025simulationb',
    ]);
  });

  it('writes CSL-JSON names with particles and suffixes in their own fields', () => {
    expect(
      toCslItem({
        ...paper,
        authors: ['A. Del Maestro', 'Ludwig van Beethoven', 'Martin Luther King Jr.'],
      }).author,
    ).toEqual([
      { family: 'Del Maestro', given: 'A.' },
      { family: 'Beethoven', given: 'Ludwig', 'non-dropping-particle': 'van' },
      { family: 'King', given: 'Martin Luther', suffix: 'Jr.' },
    ]);
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

  it('writes Markdown in which paper text cannot inject markup and TeX stays as written', () => {
    const md = toMarkdown(paper);
    expect(md.split('\n')[0]).toBe('# Simulation of {prosthetic} vision \\& 50% of $x_i$ #faces');
    expect(md).toContain('Patients \\<implanted\\> read \\& write.');
    expect(md).toContain('[PDF](https://arxiv.org/pdf/2503.11677v2)');
    const tex = toMarkdown({
      ...paper,
      title: 'Codes over $\\mathbb{F}_q$ and error-correcting *bold* [link](x)',
      abstract: '- not a list\n\nWe show $a<b>c$ and $\\mathcal{O}(n_1^2)$ for [n] <script>.',
    });
    expect(tex.split('\n')[0]).toBe(
      '# Codes over $\\mathbb{F}_q$ and error-correcting \\*bold\\* \\[link\\](x)',
    );
    expect(tex).toContain(
      '\\- not a list\n\nWe show $a\\lt b\\gt c$ and $\\mathcal{O}(n_1^2)$ for \\[n\\] \\<script\\>.',
    );
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
      [
        { ...paper, title: 'A "quoted" <b>title</b> & more' },
        {
          ...paper,
          id: 'cond-mat/0607501',
          title: 'Vortex lattices in $\\mathbb{Z}_2$ superfluids',
          authors: ['A. Del Maestro'],
        },
      ],
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

  it('serves old-style ids with their slash on the citation and Markdown routes', async () => {
    const bib = await t.app.request('/papers/cond-mat/0607501/cite.bib');
    expect(bib.status).toBe(200);
    const { entries } = parseBibtex(await bib.text());
    expect(entries[0]!.fields.eprint).toBe('cond-mat/0607501');
    expect(entries[0]!.fields.author).toEqual([{ lastName: 'Del Maestro', firstName: 'A.' }]);
    const ris = await t.app.request('/papers/cond-mat/0607501/cite.ris');
    expect(await ris.text()).toContain('AU  - Del Maestro, A.');
    const md = await t.app.request('/papers/cond-mat/0607501.md');
    expect(md.status).toBe(200);
    expect((await md.text()).split('\n')[0]).toBe(
      '# Vortex lattices in $\\mathbb{Z}_2$ superfluids',
    );
    expect((await t.app.request('/papers/cond-mat%2F0607501.md')).status).toBe(200);
    expect((await t.app.request('/papers/cond-mat/0607502.md')).status).toBe(404);
  });
});
