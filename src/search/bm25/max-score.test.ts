import { describe, expect, it } from 'vitest';
import { maxScoreTop, WINDOW, type ScoringList } from './max-score.ts';
import { PostingCursor, skipBlocks } from './posting-cursor.ts';
import { PostingLists } from './postings.ts';

/**
 * MaxScore straight over posting lists, against adding up every posting: over several windows
 * of slots, and after a ranking that failed half-way (its window must not leak into the next).
 */
const SLOTS = 3 * WINDOW + 123;
const norm = { base: 0.3, slope: 0.9 / 100 };

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const random = seeded(7);
const lens = Float32Array.from({ length: SLOTS }, () => 20 + Math.floor(random() * 160));
const postings = new PostingLists();
/** Per list its postings as [slot, tf], and its numerator: from common and weak to rare. */
const lists = [0.4, 0.2, 0.05, 0.01].map((density, n) => {
  const id = postings.newList();
  const held: [number, number][] = [];
  for (let slot = 0; slot < SLOTS; slot++)
    if (random() < density) {
      const tf = random() < 0.2 ? 3 + Math.floor(random() * 4) : 1;
      postings.append(id, slot, tf);
      held.push([slot, tf]);
    }
  return { id, held, num: 0.5 + 2 * n };
});
postings.freeze();

function scoring(failAfter = Infinity, which = lists): ScoringList[] {
  let steps = 0;
  return which.map(({ id, num }) => {
    const runs = postings.runs(id);
    const cursor = new PostingCursor(runs, skipBlocks(runs, lens));
    // A cursor that breaks after so many steps, as a damaged list would.
    const next = cursor.next.bind(cursor);
    cursor.next = () => {
      if (++steps > failAfter) throw new Error('a damaged list');
      next();
    };
    return { cursor, num };
  });
}

/** Every posting added up, in list order, as the exhaustive path does. */
function reference(k: number) {
  const score = new Float64Array(SLOTS);
  for (const { held, num } of lists)
    for (const [slot, tf] of held)
      score[slot] = score[slot]! + (num * tf) / (tf + norm.base + norm.slope * lens[slot]!);
  return Array.from(score, (s, slot) => ({ score: s, day: 0, pid: slot }))
    .filter((h) => h.score > 0)
    .sort((a, b) => b.score - a.score || b.pid - a.pid)
    .slice(0, k);
}

const cols = {
  lens,
  flags: null,
  pids: Int32Array.from({ length: SLOTS }, (_, slot) => slot),
  days: new Int32Array(SLOTS),
};

describe('MaxScore by windows', () => {
  it('ranks as adding up every posting does, across windows', () => {
    for (const k of [1, 10, 100, 1000])
      expect(maxScoreTop(scoring(), [], norm, cols, k)).toEqual(reference(k));
  });

  it('leaves nothing of a failed ranking to the next one', () => {
    // Other lists than the next ranking's, so what they leave would score as the wrong words.
    const rare = [lists[3]!, lists[2]!];
    expect(() => maxScoreTop(scoring(500, rare), [], norm, cols, 10)).toThrow('a damaged list');
    expect(maxScoreTop(scoring(), [], norm, cols, 1000)).toEqual(reference(1000));
  });
});
