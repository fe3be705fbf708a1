import type { Paper } from '../domain/paper.ts';
import { citationDate, slashDate } from './dates.ts';
import { paperLinks } from './links.ts';
import { invertedName } from './names.ts';

/**
 * Highwire Press `citation_*` tags, the ones Google Scholar, Zotero and Mendeley read from a
 * paper page: one `citation_author` per author in order, dates as YYYY/MM/DD.
 */
export function highwireTags(paper: Paper, pageUrl: string): [name: string, content: string][] {
  const date = slashDate(citationDate(paper));
  const links = paperLinks(paper);
  const tags: [string, string][] = [
    ['citation_title', paper.title],
    ...paper.authors.map((a): [string, string] => ['citation_author', invertedName(a)]),
    ['citation_date', date],
    ['citation_publication_date', date],
    ['citation_online_date', date],
    ['citation_arxiv_id', paper.id],
    ['citation_pdf_url', links.pdf],
    ['citation_abstract_html_url', pageUrl],
    ['citation_abstract', paper.abstract],
    ['citation_publisher', 'arXiv'],
    ['citation_technical_report_institution', 'arXiv'],
    ['citation_technical_report_number', `arXiv:${paper.id}`],
  ];
  if (paper.doi) tags.push(['citation_doi', paper.doi]);
  if (paper.journalRef) tags.push(['citation_journal_title', paper.journalRef]);
  for (const keyword of paper.categories) tags.push(['citation_keywords', keyword]);
  return tags;
}

/** The Highwire tags as `<meta>` elements for a paper page's head (hono/jsx escapes every value). */
export function HighwireMeta({ paper, pageUrl }: { paper: Paper; pageUrl: string }) {
  return (
    <>
      {highwireTags(paper, pageUrl).map(([name, content]) => (
        <meta name={name} content={content} />
      ))}
    </>
  );
}
