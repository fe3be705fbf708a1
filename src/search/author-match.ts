import { foldCase } from './text/tokenize.ts';

const WORD = /[\p{L}\p{N}]+/gu;
/** Letters NFKD leaves whole, spelled as their usual Latin transliteration. */
const FOLD: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  þ: 'th',
};
const UNFOLDED = /[øłđßæœıþ]/g;

/** Words of a person's name, lower-cased and without diacritics ("Émile Borel" → emile, borel). */
export function nameWords(name: string): string[] {
  return (
    foldCase(name)
      .replace(UNFOLDED, (c) => FOLD[c] ?? c)
      .match(WORD) ?? []
  );
}

/**
 * True when one author's name holds every word of the query name, unstemmed ("Weinberger" is not
 * "Weinberg"), in any order; an initial on either side stands for any word it begins
 * ("Y. LeCun" and "Yann LeCun" match each other), as long as one written-out word matches in full.
 */
export function authorNameMatches(author: string, query: readonly string[]): boolean {
  const name = nameWords(author);
  const used = new Array<boolean>(name.length).fill(false);
  // A surname must meet a written-out word: "Muller" is not any author with an initial M.
  let spelled = query.every((raw) => nameWords(raw).join('').length <= 1);
  for (const raw of query) {
    const want = nameWords(raw).join('');
    if (want === '') continue;
    let found = -1;
    for (let i = 0; i < name.length && found < 0; i++) {
      if (used[i]) continue;
      const have = name[i]!;
      const same =
        have === want ||
        (want.length === 1 && have.startsWith(want)) ||
        (have.length === 1 && want.startsWith(have));
      if (same) found = i;
    }
    if (found < 0) return false;
    used[found] = true;
    if (want.length > 1 && name[found] === want) spelled = true;
  }
  return spelled;
}

/** True when some author of the paper matches the query name (see `authorNameMatches`). */
export function authorsMatch(authors: readonly string[], query: readonly string[]): boolean {
  return authors.some((a) => authorNameMatches(a, query));
}
