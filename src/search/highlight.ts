import type { ParsedQuery } from './query-parser.ts';
import type { HighlightPart } from './search.types.ts';
import { stem } from './text/stem.ts';
import { foldCase, wordSpans, type WordSpan } from './text/tokenize.ts';

/** Decides whether a word of a paper matches the query, the way the keyword index does (stems). */
export interface Matcher {
  matches(span: WordSpan, original: string): boolean;
  empty: boolean;
}

/** A matcher for the query's terms and phrase words (prefix terms match by prefix). */
export function queryMatcher(q: ParsedQuery): Matcher {
  const stems = new Set<string>();
  const prefixes: string[] = [];
  for (const t of q.terms) {
    if (t.prefix) prefixes.push(t.word);
    else stems.add(stem(t.word));
  }
  for (const phrase of q.phrases) for (const w of phrase) stems.add(stem(w));
  return {
    empty: stems.size === 0 && prefixes.length === 0,
    matches: (span, original) => {
      if (stems.has(span.stem)) return true;
      if (prefixes.length === 0) return false;
      const word = foldCase(original.slice(span.start, span.end));
      return prefixes.some((p) => word.startsWith(p));
    },
  };
}

/** The whole text cut into matching and non-matching parts. */
export function highlightAll(text: string, matcher: Matcher): HighlightPart[] {
  return highlightRange(text, matcher, 0, text.length);
}

/**
 * A snippet of about `words` words around the densest run of matches, with an ellipsis where
 * text was cut; the start of the text when nothing matches.
 */
export function highlightSnippet(text: string, matcher: Matcher, words = 48): HighlightPart[] {
  const spans = wordSpans(text);
  if (spans.length <= words) return highlightAll(text, matcher);
  let bestStart = 0;
  if (!matcher.empty) {
    const hit = spans.map((s) => (matcher.matches(s, text) ? 1 : 0));
    let window = 0;
    for (let i = 0; i < words; i++) window += hit[i]!;
    let best = window;
    for (let i = words; i < spans.length; i++) {
      window += hit[i]! - hit[i - words]!;
      if (window > best) {
        best = window;
        bestStart = i - words + 1;
      }
    }
    // Start a little before the first match so it reads in context.
    if (best > 0) {
      const first = hit.indexOf(1, bestStart);
      bestStart = Math.max(0, Math.min(bestStart, first - 6));
    }
  }
  const endWord = Math.min(spans.length, bestStart + words);
  const start = bestStart === 0 ? 0 : spans[bestStart]!.start;
  const end = endWord >= spans.length ? text.length : spans[endWord - 1]!.end;
  const parts = highlightRange(text, matcher, start, end);
  if (start > 0) parts.unshift({ text: '… ', match: false });
  if (end < text.length) parts.push({ text: ' …', match: false });
  return mergeParts(parts);
}

function highlightRange(
  text: string,
  matcher: Matcher,
  start: number,
  end: number,
): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let cursor = start;
  if (!matcher.empty) {
    for (const span of wordSpans(text.slice(start, end))) {
      const s = { ...span, start: span.start + start, end: span.end + start };
      if (!matcher.matches(s, text)) continue;
      if (s.start > cursor) parts.push({ text: text.slice(cursor, s.start), match: false });
      parts.push({ text: text.slice(s.start, s.end), match: true });
      cursor = s.end;
    }
  }
  if (cursor < end) parts.push({ text: text.slice(cursor, end), match: false });
  return mergeParts(parts);
}

function mergeParts(parts: HighlightPart[]): HighlightPart[] {
  const out: HighlightPart[] = [];
  for (const part of parts) {
    if (part.text === '') continue;
    const last = out[out.length - 1];
    if (last && last.match === part.match) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}
