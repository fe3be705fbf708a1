import { describe, expect, it } from 'vitest';
import { PostingLists } from './postings.ts';

/** A seeded generator, so a failure repeats. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const read = (lists: PostingLists, id: number) => {
  const out: [number, number][] = [];
  lists.forEach(id, (slot, tf) => out.push([slot, tf]));
  return out;
};

describe('compact posting lists', () => {
  it('give back every posting in order through appends, merges, freezes and retains', () => {
    const random = seeded(7);
    const lists = new PostingLists();
    const model: [number, number][][] = [];
    const last: number[] = [];
    for (let step = 0; step < 20_000; step++) {
      const r = random();
      if (model.length === 0 || r < 0.01) {
        expect(lists.newList()).toBe(model.length);
        model.push([]);
        last.push(-1);
        continue;
      }
      const id = Math.floor(random() * model.length);
      if (r < 0.012) {
        lists.freeze();
        expect(lists.bytes().spare).toBe(0);
      } else if (r < 0.015) {
        const keep = (slot: number) => slot % 3 !== 0;
        lists.retain(id, keep);
        model[id] = model[id]!.filter(([slot]) => keep(slot));
      } else {
        // Gaps from 1 to 2^30: one- to five-byte varints; tfs 1 (no byte) to 255.
        const gap = 1 + Math.floor(random() ** 6 * 2 ** 30);
        const tf = random() < 0.7 ? 1 : 1 + Math.floor(random() * 255);
        const slot = last[id]! + gap;
        if (slot >= 2 ** 31) continue;
        lists.append(id, slot, tf);
        model[id]!.push([slot, tf]);
      }
      last[id] = model[id]!.length > 0 ? model[id]!.at(-1)![0] : last[id]!;
    }
    for (let id = 0; id < model.length; id++) {
      expect(read(lists, id)).toEqual(model[id]);
      expect(lists.length(id)).toBe(model[id]!.length);
    }
  });

  it('takes one byte for a posting of a common term and none spare once frozen', () => {
    const lists = new PostingLists();
    const id = lists.newList();
    for (let slot = 0; slot < 10_000; slot += 2) lists.append(id, slot, 1);
    lists.freeze();
    expect(lists.bytes()).toMatchObject({ postings: 5000, spare: 0 });
    lists.append(id, 10_001, 3);
    expect(read(lists, id).slice(-2)).toEqual([
      [9998, 1],
      [10_001, 3],
    ]);
  });

  it('clamps frequencies to a byte and refuses slots out of order', () => {
    const lists = new PostingLists();
    const id = lists.newList();
    lists.append(id, 5, 0);
    lists.append(id, 6, 1000);
    expect(read(lists, id)).toEqual([
      [5, 1],
      [6, 255],
    ]);
    expect(() => lists.append(id, 6, 1)).toThrow(/does not follow/);
  });
});
