import type { ParsedQuery } from '../query-parser.ts';
import { stem } from '../text/stem.ts';

/** What spelling suggestions need from the index: its terms and how common each is. */
export interface Vocabulary {
  hasTerm(term: string): boolean;
  docFrequency(term: string): number;
  terms(): IterableIterator<string>;
}

/**
 * "Did you mean": each query word the index does not know is replaced by the most common known
 * term within a small edit distance (1 for words of up to 5 letters, else 2), spelled as a word
 * when the typed ending makes one (transfromers → transformers). Null when nothing was replaced.
 */
export function spellingSuggestion(vocab: Vocabulary, query: ParsedQuery): string | null {
  let changed = false;
  const out: string[] = [];
  for (const term of query.terms) {
    const word = term.word;
    const own = stem(word);
    if (term.prefix || vocab.hasTerm(own) || /\d/.test(word) || word.length < 3) {
      out.push(word);
      continue;
    }
    const best = closestTerm(vocab, own, own.length <= 5 ? 1 : 2);
    if (best === null) {
      out.push(word);
      continue;
    }
    // Keep the typed ending when it turns the stem back into the same stem (a real word form).
    const ending = word.startsWith(own) ? word.slice(own.length) : '';
    out.push(ending && stem(best + ending) === best ? best + ending : best);
    changed = true;
  }
  return changed ? out.join(' ') : null;
}

function closestTerm(vocab: Vocabulary, target: string, maxDistance: number): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  let bestDf = 0;
  for (const term of vocab.terms()) {
    if (Math.abs(term.length - target.length) > maxDistance) continue;
    const d = editDistance(term, target, maxDistance);
    if (d > maxDistance) continue;
    const df = vocab.docFrequency(term);
    if (df === 0) continue;
    if (
      d < bestDistance ||
      (d === bestDistance && (df > bestDf || (df === bestDf && term < best!)))
    ) {
      best = term;
      bestDistance = d;
      bestDf = df;
    }
  }
  return best;
}

/** Optimal string alignment distance (a swap of neighbours counts 1), cut off past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(n + 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}
