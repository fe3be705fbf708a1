import { arxivAbsUrl, arxivPdfUrl } from '../domain/arxiv-id.ts';
import type { Paper } from '../domain/paper.ts';

/** Where a paper lives: its arXiv abstract and PDF (versioned), and its DOI link when known. */
export function paperLinks(paper: Paper) {
  return {
    abs: arxivAbsUrl(paper.id),
    pdf: `${arxivPdfUrl(paper.id)}v${paper.version}`,
    doi: paper.doi ? `https://doi.org/${paper.doi}` : null,
  };
}
