import { toBibtexList } from '../../citations/bibtex.ts';
import { toCslJson } from '../../citations/csl-json.ts';
import { toMarkdownList } from '../../citations/markdown.ts';
import { toRisList } from '../../citations/ris.ts';
import type { Paper } from '../../domain/paper.ts';

/** The citation formats a paper or a list can be downloaded in. */
export const CITATION_FORMATS = ['bibtex', 'ris', 'csl-json', 'markdown'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

const TYPES: Record<CitationFormat, string> = {
  bibtex: 'application/x-bibtex; charset=utf-8',
  ris: 'application/x-research-info-systems; charset=utf-8',
  'csl-json': 'application/vnd.citationstyles.csl+json; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
};

/** A list of papers rendered in one citation format, with its media type. */
export function renderCitations(
  format: CitationFormat,
  papers: readonly Paper[],
  title: string,
): { body: string; contentType: string } {
  const body =
    format === 'bibtex'
      ? toBibtexList(papers)
      : format === 'ris'
        ? toRisList(papers)
        : format === 'csl-json'
          ? JSON.stringify(toCslJson(papers), null, 2)
          : toMarkdownList(title, papers);
  return { body, contentType: TYPES[format] };
}
