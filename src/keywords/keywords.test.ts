import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { hasSharedData, sharedFile } from '../../test/support/shared-data.ts';
import { importJsonl } from '../ingest/import-jsonl.ts';
import { importDeps } from '../services.ts';
import { keywordFacets } from './keyword-facets.ts';
import { countWithoutKeywords, keywordsOfPapers } from './keyword.repository.ts';
import { refreshKeywords } from './keyword.service.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const HF_DAY = '2026-08-21';
const DEMO = 600;

/** The first DEMO papers of the bundled demo corpus and one real Hugging Face day (with its keywords). */
function corpus(dir: string): { demo: string; hf: string; hfKeywords: Map<string, string[]> } {
  const demoLines = zlib
    .gunzipSync(fs.readFileSync(path.join(ROOT, 'demo', 'papers.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .slice(0, DEMO);
  const hfLines = zlib
    .gunzipSync(fs.readFileSync(sharedFile('hf-daily-archive', 'hf-daily-archive.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.includes(`"day": "${HF_DAY}"`) || l.includes(`"day":"${HF_DAY}"`));
  const demo = path.join(dir, 'demo.jsonl');
  const hf = path.join(dir, 'hf.jsonl');
  fs.writeFileSync(demo, demoLines.join('\n') + '\n');
  fs.writeFileSync(hf, hfLines.join('\n') + '\n');
  const hfKeywords = new Map<string, string[]>();
  for (const line of hfLines) {
    const e = JSON.parse(line) as { paper: { id: string; ai_keywords?: string[] } };
    if (e.paper.ai_keywords?.length) hfKeywords.set(e.paper.id, e.paper.ai_keywords);
  }
  return { demo, hf, hfKeywords };
}

describe.skipIf(!hasSharedData).each(dialects)('keywords for every paper on %s', (dialect) => {
  let t: TestRuntime;
  let dir: string;
  let hfKeywords: Map<string, string[]>;
  let ids: string[];
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-keywords-'));
    const files = corpus(dir);
    hfKeywords = files.hfKeywords;
    await importJsonl(importDeps(t.runtime), files.demo);
    await importJsonl(importDeps(t.runtime), files.hf);
    ids = (await t.runtime.db.kysely.selectFrom('papers').select('id').execute()).map((r) => r.id);
  }, 120_000);
  afterAll(async () => {
    await t.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('extracts key phrases for every paper from its own text, each shared with another paper', async () => {
    expect(await countWithoutKeywords(t.runtime.db)).toBe(ids.length);
    expect(await refreshKeywords(t.runtime.db, t.runtime.logger)).toBe(ids.length);
    expect(await countWithoutKeywords(t.runtime.db)).toBe(0);
    // A second pass has nothing left to do.
    expect(await refreshKeywords(t.runtime.db, t.runtime.logger)).toBe(0);
    const rows = await t.runtime.db.kysely
      .selectFrom('papers')
      .select(['id', 'title', 'abstract', 'keywords'])
      .execute();
    // Compared as words: "vision--language model" holds the phrase "vision language model".
    const words = (text: string) =>
      ` ${text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .trim()} `;
    const texts = rows.map((r) => words(`${r.title} ${r.abstract}`));
    let withSome = 0;
    for (const [i, row] of rows.entries()) {
      const keywords = JSON.parse(row.keywords!) as string[];
      expect(keywords.length).toBeLessThanOrEqual(5);
      if (keywords.length > 0) withSome++;
      for (const k of keywords) {
        const phrase = words(k);
        // Written in the paper, and used by at least one other paper (learned, not listed).
        expect(texts[i], `${row.id}: ${k}`).toContain(phrase);
        expect(texts.filter((text) => text.includes(phrase)).length).toBeGreaterThanOrEqual(2);
        for (const other of keywords) if (other !== k) expect(words(other)).not.toContain(phrase);
      }
    }
    expect(withSome / rows.length).toBeGreaterThan(0.9);
  });

  it('keeps Hugging Face’s keywords where ingested and serves the extracted ones elsewhere', async () => {
    const byPaper = await keywordsOfPapers(t.runtime.db, ids);
    for (const [id, keywords] of hfKeywords) expect(byPaper.get(id)).toEqual(keywords);
    const res = await t.app.request(`/api/v1/lists/day?date=${HF_DAY}&limit=100`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { paper: { id: string }; keywords: string[] }[] };
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) expect(item.keywords).toEqual(byPaper.get(item.paper.id));
    // The day's cards show them as chips that search.
    const html = await (await t.app.request(`/papers/date/${HF_DAY}`)).text();
    const first = body.items[0]!;
    expect(html).toContain(`href="/papers?q=${encodeURIComponent(`"${first.keywords[0]!}"`)}"`);
  });

  it('offers the keywords a search’s results share as facets that narrow it', async () => {
    const res = await t.app.request('/papers?q=language%20models&mode=keyword');
    const html = await res.text();
    const found = await t.runtime.search.search({
      q: 'language models',
      mode: 'keyword',
      limit: 20,
      offset: 0,
    });
    const hits = found.hits.map((h) => h.paper.id);
    expect(hits.length).toBeGreaterThan(5);
    const facets = await keywordFacets(t.runtime.db, hits);
    expect(facets.length).toBeGreaterThan(0);
    expect(html).toContain('<nav class="keywords facets" aria-label="Narrow by keyword">');
    for (const f of facets) {
      const href = `/papers?q=${encodeURIComponent(`language models "${f.keyword}"`)}`;
      expect(html).toContain(
        `href="${href.replace(/&/g, '&amp;')}">${f.keyword} <span class="count">${f.count}</span>`,
      );
    }
  });
});
