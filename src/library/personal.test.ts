import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { hasSharedData, sharedSamplePapers } from '../../test/support/shared-data.ts';
import { toggleVote } from '../community/vote.service.ts';
import { ensureUser } from '../community/user.service.ts';
import type { User } from '../community/user.ts';
import type { PaperRecord } from '../domain/paper.ts';
import type { PersonalServices } from './library.setup.ts';

describe.skipIf(!hasSharedData).each(dialects)(
  'follows, For you and reference files (%s)',
  (dialect) => {
    let t: TestRuntime;
    let personal: PersonalServices;
    let papers: PaperRecord[];
    let ada: User;
    let bob: User;
    beforeAll(async () => {
      t = await createTestRuntime(dialect);
      const { runtime } = t;
      personal = runtime.personal;
      papers = sharedSamplePapers(400);
      await runtime.papers.store(papers, { source: 'test' });
      runtime.search.start();
      await runtime.search.semantic!.idle();
      await runtime.search.keyword.idle();
      ada = await ensureUser(runtime.db, t.clock, 'ada@example.org');
      bob = await ensureUser(runtime.db, t.clock, 'bob@example.org');
    });
    afterAll(async () => {
      await t.runtime.search.close();
      await t.cleanup();
    });

    it('follows authors, categories, searches and public collections into one feed with reasons', async () => {
      const { follows, library } = personal;
      const author = papers[3]!.authors[0]!;
      const byAuthor = papers.filter((p) => p.authors.includes(author)).map((p) => p.id);
      await follows.follow(bob, { kind: 'author', target: `  ${author} ` });
      const feed = await follows.feed(bob);
      expect(feed.map((f) => f.paper.id).sort()).toEqual([...byAuthor].sort());
      expect(feed[0]!.reason).toBe(`by ${author}, whom you follow`);

      await follows.follow(bob, { kind: 'category', target: 'cs.CL' });
      const withCategory = await follows.feed(bob, 500);
      const clPrimary = papers.filter((p) => p.categories[0] === 'cs.CL');
      expect(withCategory.filter((f) => f.reason.startsWith('new in cs.CL')).length).toBe(
        Math.min(30, clPrimary.filter((p) => !byAuthor.includes(p.id)).length),
      );

      const shelf = await library.createCollection(ada, { name: 'Shelf', visibility: 'private' });
      await library.addToCollection(ada, shelf.id, [papers[10]!.id]);
      await expect(
        follows.follow(bob, { kind: 'collection', target: String(shelf.id) }),
      ).rejects.toMatchObject({ status: 404 });
      await library.updateCollection(ada, shelf.id, { visibility: 'public' });
      const f = await follows.follow(bob, { kind: 'collection', target: String(shelf.id) });
      expect(f.label).toBe('Shelf (ada)');
      expect(
        (await follows.feed(bob, 500)).find((x) => x.paper.id === papers[10]!.id)?.reason,
      ).toBe('in the collection Shelf (ada)');
      await follows.follow(bob, { kind: 'search', target: 'speech recognition' });
      expect((await follows.follows(bob)).map((x) => x.kind)).toEqual([
        'author',
        'category',
        'collection',
        'search',
      ]);
      await expect(
        follows.follow(bob, { kind: 'category', target: 'not a category!' }),
      ).rejects.toMatchObject({
        status: 400,
      });
      expect(await follows.unfollow(bob, { kind: 'category', target: 'cs.CL' })).toBe(true);
      expect((await follows.follows(bob)).map((x) => x.kind)).toEqual([
        'author',
        'collection',
        'search',
      ]);
    });

    it('recommends papers like the saved and upvoted ones, with reasons, and never a dismissed one', async () => {
      const { library, recommendations } = personal;
      const carol = await ensureUser(t.runtime.db, t.clock, 'carol@example.org');
      // Cold start: nothing saved, a followed category answers.
      await personal.follows.follow(carol, { kind: 'category', target: 'cs.CV' });
      const cold = await recommendations.forYou(carol, { limit: 5 });
      expect(cold.length).toBe(5);
      expect(cold.every((r) => r.reason === 'New in cs.CV, which you follow')).toBe(true);

      const seeds = papers.filter((p) => p.categories[0] === 'cs.CV').slice(0, 4);
      for (const s of seeds.slice(0, 3)) await library.save(carol, s.id);
      await toggleVote(t.runtime.db, t.clock, carol, seeds[3]!.id, true);
      const recs = await recommendations.forYou(carol, { limit: 10 });
      expect(recs.length).toBe(10);
      const seedIds = new Set(seeds.map((s) => s.id));
      for (const r of recs) {
        expect(seedIds.has(r.paper.id)).toBe(false);
        expect(seedIds.has(r.becauseOf!.id)).toBe(true);
        const verb = r.becauseOf!.id === seeds[3]!.id ? 'upvoted' : 'saved';
        expect(r.reason).toBe(`Because you ${verb} “${r.becauseOf!.title}”`);
      }
      // Mostly the same field as the saves.
      expect(
        recs.filter((r) => r.paper.categories.includes('cs.CV')).length,
      ).toBeGreaterThanOrEqual(6);

      const dismissed = recs[0]!.paper.id;
      await recommendations.dismiss(carol, dismissed);
      const after = await recommendations.forYou(carol, { limit: 10 });
      expect(after.map((r) => r.paper.id)).not.toContain(dismissed);
      const excluded = new Set(after.slice(0, 2).map((r) => r.paper.id));
      const again = await recommendations.forYou(carol, { limit: 10, exclude: excluded });
      for (const id of excluded) expect(again.map((r) => r.paper.id)).not.toContain(id);
      await recommendations.undismiss(carol, dismissed);
      expect((await recommendations.forYou(carol, { limit: 10 })).map((r) => r.paper.id)).toContain(
        dismissed,
      );
    });

    it('exports a collection as BibTeX, RIS and CSL-JSON and re-imports it, listing what it cannot match', async () => {
      const { library, references } = personal;
      const dave = await ensureUser(t.runtime.db, t.clock, 'dave@example.org');
      const chosen = papers.slice(20, 26).map((p) => p.id);
      const col = await library.createCollection(dave, { name: 'To cite' });
      await library.addToCollection(dave, col.id, chosen);
      const bib = await references.exportCollection(dave, col.id, 'bibtex');
      expect(bib.fileName).toBe('To-cite.bib');
      expect(bib.body.match(/^@misc\{/gm)?.length).toBe(6);
      const ris = await references.exportCollection(dave, col.id, 'ris');
      expect(ris.body.match(/^TY {2}- /gm)?.length).toBe(6);
      const csl = JSON.parse(
        (await references.exportCollection(dave, col.id, 'csl-json')).body,
      ) as unknown[];
      expect(csl.length).toBe(6);
      await expect(references.exportCollection(bob, col.id, 'bibtex')).rejects.toMatchObject({
        status: 404,
      });
      await expect(references.exportCollection(dave, col.id, 'docx')).rejects.toMatchObject({
        status: 400,
      });

      const stranger =
        '@article{nobody2020, title={A paper this store has never heard of}, year={2020}}\n';
      for (const [name, file] of [
        ['From BibTeX', bib.body + stranger],
        ['From RIS', ris.body + 'TY  - JOUR\nTI  - Also unknown here at all\nER  - \n'],
      ] as const) {
        const report = await references.importFile(dave, file, name);
        expect(report.references).toBe(7);
        expect(report.matched.map((m) => m.paperId).sort()).toEqual([...chosen].sort());
        expect(report.matched.every((m) => m.by === 'arxiv')).toBe(true);
        expect(report.unmatched).toEqual([
          {
            number: 7,
            title:
              name === 'From BibTeX'
                ? 'A paper this store has never heard of'
                : 'Also unknown here at all',
          },
        ]);
        const back = await library.collection(dave, report.collection.id);
        expect(back.papers.map((p) => p.id).sort()).toEqual([...chosen].sort());
      }
      // By DOI and by title when the file has no arXiv id.
      const target = papers[30]!;
      const byTitle = await references.importFile(
        dave,
        `@article{x, title={${target.title}}, year={2025}}\n`,
        'By title',
      );
      expect(byTitle.matched).toEqual([
        { number: 1, title: target.title.replace(/\s+/g, ' '), paperId: target.id, by: 'title' },
      ]);
      await expect(references.importFile(dave, 'just some words', 'X')).rejects.toMatchObject({
        status: 400,
        code: 'unknown_reference_format',
      });
    });
  },
);
