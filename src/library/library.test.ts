import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { ensureUser } from '../community/user.service.ts';
import type { User } from '../community/user.ts';
import { upsertRecords } from '../papers/paper.service.ts';
import { createLibraryService, type LibraryService } from './library.service.ts';

const paper = (id: string, title: string) => ({
  id,
  title,
  abstract: `About ${title}.`,
  authors: ['Ada Lovelace'],
  categories: ['cs.LG'],
  listingDate: '2026-06-30',
});

describe.each(dialects)('library on %s', (dialect) => {
  let t: TestRuntime;
  let library: LibraryService;
  let ada: User;
  let bob: User;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    library = createLibraryService({ db: t.runtime.db, clock: t.clock });
    ada = await ensureUser(t.runtime.db, t.clock, 'ada@example.org');
    bob = await ensureUser(t.runtime.db, t.clock, 'bob@example.org');
    await upsertRecords(
      t.runtime.db,
      t.clock,
      [paper('2606.00001', 'First'), paper('2606.00002', 'Second'), paper('2606.00003', 'Third')],
      { source: 'test' },
    );
  });
  afterAll(() => t.cleanup());

  it('saves a paper privately with a reading status and note, once whatever arrives twice', async () => {
    const saved = await library.save(ada, 'arXiv:2606.00001v2');
    expect(saved).toMatchObject({ status: 'to_read', note: null, paper: { id: '2606.00001' } });
    await library.save(ada, '2606.00001', { status: 'read', note: '  Good proofs. ' });
    const all = await library.saved(ada);
    expect(all.map((s) => [s.paper.id, s.status, s.note])).toEqual([
      ['2606.00001', 'read', 'Good proofs.'],
    ]);
    expect(await library.saved(bob)).toEqual([]);
    expect((await library.saved(ada, { status: 'to_read' })).length).toBe(0);
    const state = await library.stateOf(ada, ['2606.00001', '2606.00002']);
    expect(state.get('2606.00001')).toEqual({
      saved: true,
      status: 'read',
      note: 'Good proofs.',
      collectionIds: [],
    });
    expect(state.get('2606.00002')?.saved).toBe(false);
    await expect(library.save(ada, '2606.09999')).rejects.toMatchObject({ status: 404 });
    await expect(library.save(ada, 'nonsense')).rejects.toMatchObject({ status: 404 });
    await expect(library.save(null, '2606.00001')).rejects.toMatchObject({ status: 401 });
    await expect(library.save(ada, '2606.00001', { status: 'done' })).rejects.toMatchObject({
      status: 400,
      code: 'invalid_input',
    });
  });

  it('keeps a private collection from everyone but its owner, and a link working until revoked', async () => {
    const reading = await library.createCollection(ada, { name: 'Reading group' });
    expect(reading).toMatchObject({ visibility: 'private', shareToken: null, paperCount: 0 });
    expect(await library.addToCollection(ada, reading.id, ['2606.00002', '2606.00003'])).toEqual({
      added: 2,
    });
    // Adding to a collection saves to the library too.
    expect((await library.saved(ada)).map((s) => s.paper.id).sort()).toEqual([
      '2606.00001',
      '2606.00002',
      '2606.00003',
    ]);
    const own = await library.collection(ada, reading.id);
    expect(own.papers.map((p) => p.id).sort()).toEqual(['2606.00002', '2606.00003']);
    await expect(library.collection(bob, reading.id)).rejects.toMatchObject({ status: 404 });
    await expect(library.collection(null, reading.id)).rejects.toMatchObject({ status: 404 });
    await expect(library.addToCollection(bob, reading.id, ['2606.00001'])).rejects.toMatchObject({
      status: 404,
    });
    await expect(library.createCollection(ada, { name: 'Reading group' })).rejects.toMatchObject({
      status: 409,
    });

    const shared = await library.updateCollection(ada, reading.id, { visibility: 'link' });
    expect(shared.shareToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // A link collection is still not listed or readable by id.
    await expect(library.collection(bob, reading.id)).rejects.toMatchObject({ status: 404 });
    expect((await library.sharedCollection(shared.shareToken!)).collection.name).toBe(
      'Reading group',
    );
    const reset = await library.resetShareLink(ada, reading.id);
    expect(reset.shareToken).not.toBe(shared.shareToken);
    await expect(library.sharedCollection(shared.shareToken!)).rejects.toMatchObject({
      status: 404,
    });
    await library.updateCollection(ada, reading.id, { visibility: 'private' });
    await expect(library.sharedCollection(reset.shareToken!)).rejects.toMatchObject({
      status: 404,
    });

    await library.updateCollection(ada, reading.id, { visibility: 'public' });
    expect((await library.collection(bob, reading.id)).papers.length).toBe(2);
    expect((await library.publicCollections(ada.id)).map((c) => c.name)).toEqual(['Reading group']);

    expect(await library.removeFromCollection(ada, reading.id, '2606.00002')).toBe(true);
    expect((await library.collection(ada, reading.id)).papers.map((p) => p.id)).toEqual([
      '2606.00003',
    ]);
    // Unsaving takes the paper out of collections too.
    await library.unsave(ada, '2606.00003');
    expect((await library.collection(ada, reading.id)).collection.paperCount).toBe(0);
    await library.deleteCollection(ada, reading.id);
    await expect(library.collection(ada, reading.id)).rejects.toMatchObject({ status: 404 });
    await expect(library.collection(ada, '99999999999999')).rejects.toMatchObject({ status: 404 });
  });
});
