import { STOPWORDS } from './stopwords.ts';
import { stem } from './stem.ts';

// Letters and digits of any script; everything else separates words (as FTS5 unicode61 does).
const WORD = /[\p{L}\p{N}]+/gu;
const DIACRITICS = /\p{M}+/gu;

/** Lower-cases and strips diacritics, matching the store's `remove_diacritics` tokenizer. */
export function foldCase(text: string): string {
  return text.normalize('NFKD').replace(DIACRITICS, '').toLowerCase();
}

/** Words of a text, folded, in order (stopwords kept). */
export function words(text: string): string[] {
  return foldCase(text).match(WORD) ?? [];
}

/** A word with where it sits in the original text, for highlighting. */
export interface WordSpan {
  start: number;
  end: number;
  stem: string;
}

/** Words of `text` with their offsets into the original string and their stems. */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const m of text.matchAll(WORD)) {
    spans.push({ start: m.index, end: m.index + m[0].length, stem: stem(foldCase(m[0])) });
  }
  return spans;
}

/** Index terms of a text for the built-in embedder: folded, stopwords and 1-letter words out, stemmed. */
export function indexTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (w.length < 2 || w.length > 40 || STOPWORDS.has(w)) continue;
    // Bare numbers carry little topic; keep those that look like names (e.g. "3d", "gpt4").
    if (/^\d+$/.test(w) && w.length !== 4) continue;
    out.push(stem(w));
  }
  return out;
}
