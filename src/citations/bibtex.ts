import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { Paper } from '../domain/paper.ts';
import { cslName } from './csl-json.ts';
import { citationDate } from './dates.ts';
import { paperLinks } from './links.ts';
import { fullFamily, splitName } from './names.ts';

/**
 * An arXiv-style BibTeX entry (@misc with eprint, archivePrefix and primaryClass, as arXiv's own
 * export writes it). Names and title casing come from citation-js: particles stay with the family
 * name and capitals are braced so styles keep them; the month is BibTeX's macro, unbraced.
 */
export function toBibtex(paper: Paper, key: string = citationKey(paper)): string {
  const date = citationDate(paper);
  const { author, title } = citationJsFields(paper);
  const fields: [string, string][] = [
    ['title', braced(title)],
    ['author', braced(author)],
    ['year', braced(String(date.year))],
    ['month', MONTHS[date.month - 1] ?? 'jan'],
    ['eprint', braced(paper.id)],
    ['archivePrefix', braced('arXiv')],
    ['primaryClass', paper.categories[0] ? braced(paper.categories[0]) : ''],
    ['url', braced(paperLinks(paper).abs)],
  ];
  if (paper.doi && balanced(paper.doi)) fields.push(['doi', braced(paper.doi)]);
  if (paper.journalRef) fields.push(['note', braced(bibText(paper.journalRef))]);
  const body = fields
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `  ${name} = ${value}`)
    .join(',\n');
  return `@misc{${key},\n${body}\n}\n`;
}

/** Entries for a whole list, separated by blank lines; keys made unique with a, b, c… */
export function toBibtexList(papers: readonly Paper[]): string {
  const seen = new Map<string, number>();
  return papers
    .map((paper) => {
      const base = citationKey(paper);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      return toBibtex(paper, n === 0 ? base : `${base}${suffixLetters(n)}`);
    })
    .join('\n');
}

/** `familyYYYYfirstword`, e.g. `park2025simulation`, ASCII only. */
export function citationKey(paper: Paper): string {
  const first = paper.authors[0] ? fullFamily(splitName(paper.authors[0])) : 'anon';
  const word =
    paper.title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\$[^$]*\$/g, ' ')
      .replace(/[^a-z0-9 ]/g, ' ')
      .split(/\s+/)
      .find((w) => w.length > 3 && !STOP.has(w)) ?? '';
  const family = ascii(first).toLowerCase() || 'anon';
  return `${family}${citationDate(paper).year}${word}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const STOP = new Set(['with', 'from', 'that', 'this', 'into', 'over', 'towards', 'toward', 'via']);

const ascii = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 30);

const suffixLetters = (n: number): string =>
  n <= 26
    ? String.fromCharCode(96 + n)
    : `${suffixLetters(Math.floor((n - 1) / 26))}${String.fromCharCode(97 + ((n - 1) % 26))}`;

const braced = (value: string) => `{${value}}`;

// Placeholders for a TeX math span and a `<` while citation-js escapes the rest of the title:
// lower-case letters in parentheses, so they are neither escaped nor braced into a word.
const MATH_MARK = '(zqmathzq)';
const LT_MARK = '(zqltzq)';

/** Author list and title as citation-js writes them (ASCII, TeX accents, capitals protected). */
function citationJsFields(paper: Paper): { author: string; title: string } {
  const flatTitle = paper.title.replace(/\s+/g, ' ').trim();
  const maths: string[] = [];
  const marked = flatTitle.replace(/\$[^$]+\$/g, (span) => {
    if (!balanced(span)) return span;
    maths.push(span);
    return `${MATH_MARK}${maths.length - 1}${MATH_MARK}`;
  });
  const [entry] = plugins.output.format(
    'bibtex',
    [
      {
        id: paper.id,
        type: 'article',
        // citation-js reads `<i>`, `<b>`… in a CSL title as markup; a title's own `<` is text.
        title: marked.replace(/</g, LT_MARK),
        author: paper.authors.map(cslName),
      },
    ],
    { format: 'object' },
  ) as { properties: { title?: string; author?: string } }[];
  const title = protectLeadingAcronyms(
    (entry?.properties.title ?? '')
      .replaceAll(LT_MARK, '\\textless{}')
      .replace(
        new RegExp(`\\(zqmathzq\\)(\\d+)\\(zqmathzq\\)`, 'g'),
        (_, i: string) => `{${maths[Number(i)]}}`,
      ),
  );
  return { author: entry?.properties.author ?? '', title };
}

// citation-js braces capitals inside a title but not in its first word (or the first after a
// colon): "BERT: Pre-training…" must keep "BERT" too.
const protectLeadingAcronyms = (title: string) =>
  title.replace(
    /(^|:\s*)([A-Za-z]*[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9-]*)(?=[\s,:;.!?-]|$)/g,
    '$1{$2}',
  );

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
