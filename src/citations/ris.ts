import type { Paper } from '../domain/paper.ts';
import { citationDate, slashDate } from './dates.ts';
import { paperLinks } from './links.ts';
import { invertedName } from './names.ts';

/** A RIS record (what EndNote, Zotero and Mendeley import): an unpublished preprint on arXiv. */
export function toRis(paper: Paper): string {
  const date = citationDate(paper);
  const links = paperLinks(paper);
  const lines: [string, string][] = [
    ['TY', paper.journalRef ? 'JOUR' : 'UNPB'],
    ['ID', `arXiv:${paper.id}`],
    ['TI', paper.title],
    ...paper.authors.map((a): [string, string] => ['AU', invertedName(a)]),
    ['PY', String(date.year)],
    ['DA', slashDate(date)],
    ['AB', paper.abstract],
    ['PB', 'arXiv'],
    ['UR', links.abs],
    ['L1', links.pdf],
    ['M1', `arXiv:${paper.id}`],
    ...paper.categories.map((c): [string, string] => ['KW', c]),
  ];
  if (paper.journalRef) lines.push(['JO', paper.journalRef]);
  if (paper.doi) lines.push(['DO', paper.doi]);
  if (paper.comment) lines.push(['N1', paper.comment]);
  const body = lines
    .map(([tag, value]) => [tag, risValue(value)] as const)
    .filter(([, value]) => value !== '')
    .map(([tag, value]) => `${tag}  - ${value}`)
    .join('\r\n');
  return `${body}\r\nER  - \r\n`;
}

/** Records for a whole list. */
export function toRisList(papers: readonly Paper[]): string {
  return papers.map(toRis).join('\r\n');
}

// RIS is line-based: a value must stay on its line, and control characters confuse importers.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f]+/g;
const risValue = (text: string) => text.replace(CONTROLS, ' ').replace(/ {2,}/g, ' ').trim();
