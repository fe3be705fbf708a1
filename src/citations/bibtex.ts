import type { Paper } from '../domain/paper.ts';
import { citationDate } from './dates.ts';
import { paperLinks } from './links.ts';
import { invertedName, splitName } from './names.ts';

/** An arXiv-style BibTeX entry: @misc with eprint, archivePrefix and primaryClass. */
export function toBibtex(paper: Paper): string {
  const date = citationDate(paper);
  const fields: [string, string][] = [
    ['title', bibText(paper.title)],
    ['author', paper.authors.map((a) => bibText(invertedName(a))).join(' and ')],
    ['year', String(date.year)],
    ['month', MONTHS[date.month - 1] ?? 'jan'],
    ['eprint', paper.id],
    ['archivePrefix', 'arXiv'],
    ['primaryClass', paper.categories[0] ?? ''],
    ['url', paperLinks(paper).abs],
  ];
  if (paper.doi) fields.push(['doi', bibText(paper.doi)]);
  if (paper.journalRef) fields.push(['note', bibText(paper.journalRef)]);
  const body = fields
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `  ${name} = {${value}}`)
    .join(',\n');
  return `@misc{${citationKey(paper)},\n${body}\n}\n`;
}

/** Entries for a whole list, separated by blank lines. */
export function toBibtexList(papers: readonly Paper[]): string {
  return papers.map(toBibtex).join('\n');
}

/** `familyYYYYfirstword`, e.g. `park2025simulation`, ASCII only, unique per paper by the id suffix when needed. */
export function citationKey(paper: Paper): string {
  const first = paper.authors[0] ? splitName(paper.authors[0]).family : 'anon';
  const word =
    paper.title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9 ]/g, ' ')
      .split(/\s+/)
      .find((w) => w.length > 3 && !STOP.has(w)) ?? '';
  const family = ascii(first.split(/\s+/).pop() ?? 'anon').toLowerCase() || 'anon';
  return `${family}${citationDate(paper).year}${word}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const STOP = new Set(['with', 'from', 'that', 'this', 'into', 'over', 'towards', 'toward', 'via']);

const ascii = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 30);

/**
 * Text safe inside a braced BibTeX field. TeX math (`$…$`) is kept as written; outside it the
 * characters TeX treats specially are escaped. Unbalanced braces would end the field early, so
 * then every brace is escaped.
 */
export function bibText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const parts = flat.split(/(\$[^$]*\$)/);
  const escaped = parts
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/(?<!\\)([&%#_])/g, '\\$1')))
    .join('');
  return balanced(escaped) ? escaped : escaped.replace(/(?<!\\)([{}])/g, '\\$1');
}

function balanced(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth < 0) return false;
  }
  return depth === 0;
}
