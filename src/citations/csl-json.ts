import type { Paper } from '../domain/paper.ts';
import { citationDate } from './dates.ts';
import { paperLinks } from './links.ts';
import { splitName } from './names.ts';

/** A CSL name: a person split into parts, or an organisation written as is. */
export type CslName =
  | { family: string; given: string; 'non-dropping-particle'?: string; suffix?: string }
  | { literal: string };

/** A CSL-JSON item (citeproc, Zotero, Pandoc): CSL 1.0.2 types a preprint as `article`. */
export interface CslItem {
  id: string;
  type: 'article' | 'article-journal';
  title: string;
  author: CslName[];
  issued: { 'date-parts': number[][] };
  abstract: string;
  URL: string;
  DOI?: string;
  number: string;
  publisher: string;
  genre: string;
  archive: string;
  archive_location: string;
  keyword: string;
  note?: string;
  'container-title'?: string;
}

/** The paper as one CSL-JSON item. */
export function toCslItem(paper: Paper): CslItem {
  const date = citationDate(paper);
  const item: CslItem = {
    id: `arXiv:${paper.id}`,
    type: paper.journalRef ? 'article-journal' : 'article',
    title: paper.title,
    author: paper.authors.map(cslName),
    issued: {
      'date-parts': [
        date.day === null ? [date.year, date.month] : [date.year, date.month, date.day],
      ],
    },
    abstract: paper.abstract,
    URL: paperLinks(paper).abs,
    number: `arXiv:${paper.id}`,
    publisher: 'arXiv',
    genre: 'Preprint',
    archive: 'arXiv',
    archive_location: `arXiv:${paper.id}v${paper.version}`,
    keyword: paper.categories.join(', '),
  };
  if (paper.doi) item.DOI = paper.doi;
  if (paper.journalRef) item['container-title'] = paper.journalRef;
  if (paper.comment) item.note = paper.comment;
  return item;
}

/** CSL-JSON is always an array of items, also for one paper. */
export function toCslJson(papers: readonly Paper[]): CslItem[] {
  return papers.map(toCslItem);
}

/** One author as a CSL name: particle and suffix in their own fields, groups as literals. */
export function cslName(author: string): CslName {
  const name = splitName(author);
  if (name.literal !== undefined) return { literal: name.literal };
  const csl: CslName = { family: name.family, given: name.given };
  if (name.particle) csl['non-dropping-particle'] = name.particle;
  if (name.suffix) csl.suffix = name.suffix;
  return csl;
}
