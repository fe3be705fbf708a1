import type { Embedder } from '../embed/embedder.ts';
import type { VectorIndex } from '../vector/vector-index.ts';

/** Control queries: strings of letters no paper contains, drawn from a fixed seed. */
const CONTROLS = 24;
/** Added above the closest control, so a query no better than noise stays out. */
const MARGIN = 0.02;

/** Seeded letter strings that read like two or three made-up words ("xqzzv blorptang"). */
export function controlQueries(n = CONTROLS, seed = 13): string[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  const letters = 'bcdfghjklmnpqrstvwxzaeiouy';
  return Array.from({ length: n }, () =>
    Array.from({ length: 2 + Math.floor(next() * 2) }, () =>
      Array.from({ length: 6 + Math.floor(next() * 4) }, () =>
        letters.charAt(Math.floor(next() * letters.length)),
      ).join(''),
    ).join(' '),
  );
}

/**
 * The similarity a semantic candidate must exceed to join results, measured on the model's own
 * vectors: the best similarity any control query (made-up words) reaches in the index, plus a
 * margin. A model that maps unknown words to nothing (the built-in LSA) gets a floor near 0; a
 * model that places any text somewhere gets its floor where noise ends. Stored with the model.
 */
export async function calibrateFloor(embedder: Embedder, index: VectorIndex): Promise<number> {
  let worst = 0;
  for (const text of controlQueries()) {
    const vector = await embedder.embedQuery(text);
    const top = index.search(vector, 1)[0]?.score ?? 0;
    if (Number.isFinite(top) && top > worst) worst = top;
  }
  return Math.round((worst + MARGIN) * 1000) / 1000;
}
