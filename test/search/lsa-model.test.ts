import { describe, expect, it } from 'vitest';
import { LsaModel } from '../../src/search/embed/lsa-model.ts';
import { DEFAULT_LSA, trainLsa } from '../../src/search/embed/lsa-train.ts';
import { generatedPapers } from './generated-papers.ts';

describe('the built-in LSA model', () => {
  it('embeds alike whether its terms are looked up by scanning or through the map', async () => {
    const papers = generatedPapers(400).map((p) => ({ title: p.title, abstract: p.abstract }));
    const trained = await trainLsa(papers, { ...DEFAULT_LSA, dims: 16 });
    // A model as a one-off process opens it: its first lookups scan the term list.
    const opened = LsaModel.fromBytes(trained.toBytes());
    const query = { title: 'graph molecule message passing', abstract: '' };
    const scanned = opened.embed(query);
    expect(opened.rowOf('zzzunknownterm')).toBeUndefined();
    expect(opened.rowOf(trained.terms[7]!)).toBe(7);
    // Embedding papers makes enough lookups to build the map; answers stay the same.
    for (const paper of papers.slice(0, 20)) opened.embed(paper);
    expect(opened.rowOf('zzzunknownterm')).toBeUndefined();
    expect(opened.rowOf(trained.terms[7]!)).toBe(7);
    expect([...opened.embed(query)]).toEqual([...scanned]);
    expect([...scanned]).toEqual([...trained.embed(query)]);
    expect(scanned.some((x) => x !== 0)).toBe(true);
  });
});
