import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaperRecord } from '../../src/domain/paper.ts';
import type { SearchMode } from '../../src/search/search.types.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { hasSharedData, sharedSamplePapers } from '../support/shared-data.ts';

/** Papers that name one thing in different word forms (noun here, adjective there). */
const VARIANTS: PaperRecord[] = [
  {
    id: '2612.80001',
    title: 'Message passing on molecular graphs',
    abstract: 'We predict properties of molecular structures with graph neural networks.',
    authors: ['Marie Curie'],
    categories: ['cs.LG'],
  },
  {
    id: '2612.80002',
    title: 'Sampling small molecules with diffusion',
    abstract: 'A generative model proposes molecules that bind a given protein pocket.',
    authors: ['Rosalind Franklin'],
    categories: ['q-bio.BM'],
  },
  {
    id: '2612.80003',
    title: 'Sequence models for biological data',
    abstract: 'Protein and genome sequences studied with biological priors.',
    authors: ['Barbara McClintock'],
    categories: ['q-bio.GN'],
  },
  {
    id: '2612.80004',
    title: 'Regular expressions for tokenization',
    abstract: 'Tokenizers built from regular languages.',
    authors: ['Stephen Kleene'],
    categories: ['cs.FL'],
  },
  {
    id: '2612.80005',
    title: 'Regulation of gene expression',
    abstract: 'Transcription factors regulate which genes are read.',
    authors: ['Jacques Monod'],
    categories: ['q-bio.MN'],
  },
];

describe.skipIf(!hasSharedData).each(dialects)('word variants (%s)', (dialect) => {
  let t: TestRuntime;

  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await t.runtime.papers.store([...sharedSamplePapers(200), ...VARIANTS], { source: 'test' });
    t.runtime.search.start();
    await t.runtime.search.semantic!.idle();
    await t.runtime.search.keyword.idle();
  }, 120_000);
  afterAll(() => t.cleanup());

  const ids = async (q: string, mode: SearchMode = 'keyword') =>
    (await t.runtime.search.search({ q, mode, limit: 100 })).hits.map((h) => h.paper.id);

  it('reaches a paper written in another form of a word, after those in the same form', async () => {
    expect(await ids('molecules')).toEqual(['2612.80002', '2612.80001']);
    expect(await ids('molecular')).toEqual(['2612.80001', '2612.80002']);
    // One sample paper says "biological" too; none of the sample says molecule in any form.
    expect((await ids('biology')).sort()).toEqual(['2505.17870', '2612.80003']);
  });

  it.each(['keyword', 'hybrid'] as SearchMode[])(
    'finds molecule papers for "graph neural networks for molecules" (%s)',
    async (mode) => {
      expect(t.runtime.search.status().semantic).toBe('ready');
      const found = await ids('graph neural networks for molecules', mode);
      expect(found.slice(0, 2).sort()).toEqual(['2612.80001', '2612.80002']);
    },
  );

  it('keeps apart forms whose meanings differ', async () => {
    // "regular" (and "regularization", which Porter stems alike) never reaches "regulation".
    const regular = await ids('regular');
    expect(regular).toContain('2612.80004');
    expect(regular).not.toContain('2612.80005');
    expect(await ids('regulation')).toEqual(['2612.80005']);
  });
});
