import { STOPWORDS } from './text/stopwords.ts';
import { foldCase } from './text/tokenize.ts';

/** One free-text term of a query, folded; `prefix` when typed as `word*` (search-as-you-type). */
export interface QueryTerm {
  word: string;
  prefix: boolean;
}

/**
 * A user's query reduced to parts we build store queries from. Nothing of the raw text reaches
 * a store query: only these words, which hold letters and digits alone.
 */
export interface ParsedQuery {
  /** Ranked terms (stopwords out unless the query is nothing but stopwords). */
  terms: QueryTerm[];
  /** Quoted phrases, each a list of words that must appear in order. */
  phrases: string[][];
  /** Words after `-` (not numbers: `-2` is text): papers containing them are left out. */
  excluded: string[];
  /** `author:name` or `author:"first last"`: each a list of words that must appear in the authors. */
  authors: string[][];
  /** `cat:cs.CL` filters, as typed (case folded later). */
  categories: string[];
  /** `has:code` */
  hasCode: boolean;
  /**
   * The query held only common words ("the who"): ranking by them would list arbitrary papers,
   * so it matches papers whose title is exactly these words, in every mode. Null otherwise.
   */
  stopwordTitle: string[] | null;
}

/** Bounds that keep a pasted page of text cheap: later words are ignored. */
export const QUERY_LIMITS = { chars: 2_000, terms: 32, phraseWords: 12, phrases: 4, filters: 8 };

const WORD = /[\p{L}\p{N}]+/gu;
const CATEGORY = /^[a-z-]+(\.[a-z-]+)?$/i;

function wordsOf(text: string): string[] {
  return foldCase(text).match(WORD) ?? [];
}

/** Parses any string into a query; never throws. */
export function parseQuery(input: string): ParsedQuery {
  const text = String(input ?? '').slice(0, QUERY_LIMITS.chars);
  const parsed: ParsedQuery = {
    terms: [],
    phrases: [],
    excluded: [],
    authors: [],
    categories: [],
    hasCode: false,
    stopwordTitle: null,
  };
  const seen = new Set<string>();
  const stopwordTerms: QueryTerm[] = [];
  // Every stopword as typed, repeats and order kept, for a stopword-only title match.
  const stopwordWords: string[] = [];
  const addTerms = (raw: string, prefix: boolean) => {
    const list = wordsOf(raw);
    for (const word of list) if (STOPWORDS.has(word) && !prefix) stopwordWords.push(word);
    list.forEach((word, i) => {
      const isPrefix = prefix && i === list.length - 1;
      const key = `${word}${isPrefix ? '*' : ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      const term = { word, prefix: isPrefix };
      if (STOPWORDS.has(word) && !isPrefix) stopwordTerms.push(term);
      else if (parsed.terms.length < QUERY_LIMITS.terms) parsed.terms.push(term);
    });
  };

  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"') {
      // A phrase runs to the next quote. A quote never closed is a stray mark (5" screens, a
      // pasted sentence cut short), not an operator: the words after it are plain terms.
      const close = text.indexOf('"', i + 1);
      if (close === -1) {
        i++;
        continue;
      }
      const body = text.slice(i + 1, close);
      i = close + 1;
      const phrase = wordsOf(body).slice(0, QUERY_LIMITS.phraseWords);
      if (phrase.length === 1) addTerms(phrase[0]!, false);
      else if (phrase.length > 1 && parsed.phrases.length < QUERY_LIMITS.phrases) {
        parsed.phrases.push(phrase);
        for (const w of phrase) addTerms(w, false);
      }
      continue;
    }
    // One whitespace-delimited token; a field value may be quoted (author:"Yann LeCun").
    let end = i;
    while (end < text.length && !/\s/.test(text[end]!)) {
      if (text[end] === '"' && end > i && text[end - 1] === ':') {
        const close = text.indexOf('"', end + 1);
        end = close === -1 ? text.length : close + 1;
        break;
      }
      end++;
    }
    const token = text.slice(i, end);
    i = end;
    readToken(token, parsed, addTerms);
  }
  // A query of nothing but stopwords ("the who") is a title, not a topic.
  if (parsed.terms.length === 0 && parsed.phrases.length === 0 && stopwordTerms.length > 0)
    parsed.stopwordTitle = stopwordWords;
  return parsed;
}

function readToken(
  token: string,
  parsed: ParsedQuery,
  addTerms: (raw: string, prefix: boolean) => void,
): void {
  const field = /^([a-z]+):(.+)$/i.exec(token);
  if (field) {
    const name = field[1]!.toLowerCase();
    const value = field[2]!.replace(/^"|"$/g, '');
    const filters = parsed.authors.length + parsed.categories.length;
    if ((name === 'author' || name === 'au') && filters < QUERY_LIMITS.filters) {
      const names = wordsOf(value).slice(0, QUERY_LIMITS.phraseWords);
      if (names.length > 0) parsed.authors.push(names);
      return;
    }
    // A category that cannot be one ("cat:5%") is text, like an unknown field name.
    if ((name === 'cat' || name === 'category') && filters < QUERY_LIMITS.filters) {
      if (CATEGORY.test(value)) {
        parsed.categories.push(value);
        return;
      }
    }
    if (name === 'has' && value.toLowerCase() === 'code') {
      parsed.hasCode = true;
      return;
    }
  }
  // `-word` leaves a word out; a minus before a digit is a negative number or a range ("-2",
  // "E2f-1, -2, -3"), which is text.
  if (token.startsWith('-') && token.length > 1 && !/^-[.,]?\d/.test(token)) {
    for (const w of wordsOf(token.slice(1))) {
      if (parsed.excluded.length < QUERY_LIMITS.filters && !parsed.excluded.includes(w))
        parsed.excluded.push(w);
    }
    return;
  }
  addTerms(token, token.endsWith('*'));
}

/** True when the query has nothing to rank by (no terms, phrases or stopword title). */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.terms.length === 0 && q.phrases.length === 0 && q.stopwordTitle === null;
}
