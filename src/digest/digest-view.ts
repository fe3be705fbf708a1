import { repoUrl } from '../domain/code-links.ts';
import type { Paper } from '../domain/paper.ts';

/** One paper as a digest shows it. */
export interface DigestPaperView {
  id: string;
  title: string;
  authors: string;
  /** About two lines of the abstract. */
  snippet: string;
  pageUrl: string;
  arxivUrl: string;
  pdfUrl: string;
  codeUrl: string | null;
  /** Why it is here: the trending explanation or the topic it matched. */
  reason: string | null;
}

/** Everything a digest message shows; rendered to HTML and plain text alike. */
export interface DigestView {
  /** `Wednesday 1 July 2026` or `the week of 22 June 2026`. */
  periodTitle: string;
  preheader: string;
  trending: DigestPaperView[];
  topical: DigestPaperView[];
  /** A member's digest: new papers of what they follow, each with the follow that brought it. */
  following: DigestPaperView[];
  /** A member's digest: recommendations, each with its reason. */
  forYou: DigestPaperView[];
  baseUrl: string;
  manageUrl: string;
  unsubscribeUrl: string;
}

const SNIPPET_CHARS = 220;

/** A paper's digest entry, with links to its page here, on arXiv, its PDF and its code. */
export function paperView(paper: Paper, baseUrl: string, reason: string | null): DigestPaperView {
  const authors =
    paper.authors.length > 5
      ? `${paper.authors.slice(0, 5).join(', ')} et al.`
      : paper.authors.join(', ');
  return {
    id: paper.id,
    title: paper.title,
    authors,
    snippet: snippet(paper.abstract, SNIPPET_CHARS),
    pageUrl: `${baseUrl}/papers/${paper.id}`,
    arxivUrl: `https://arxiv.org/abs/${paper.id}`,
    pdfUrl: `https://arxiv.org/pdf/${paper.id}`,
    codeUrl: paper.codeRepo ? repoUrl(paper.codeRepo) : null,
    reason,
  };
}

/** The start of a text cut at a word boundary, with an ellipsis when cut. */
export function snippet(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** The hidden first line mail clients show beside the subject. */
export function preheaderOf(
  trending: DigestPaperView[],
  topical: DigestPaperView[],
  own: DigestPaperView[] = [],
): string {
  const parts: string[] = [];
  if (trending.length > 0) parts.push(`${trending.length} trending`);
  if (topical.length > 0) parts.push(`${topical.length} new in your topics`);
  if (own.length > 0) parts.push(`${own.length} from what you follow and for you`);
  const lead = trending[0] ?? topical[0] ?? own[0];
  if (!lead) return 'Nothing new this time.';
  return snippet(`${parts.join(', ')}: ${lead.title}`, 140);
}

/** A day as `Wednesday 1 July 2026`. */
export function dayTitle(day: string): string {
  return new Date(`${day}T12:00:00Z`)
    .toLocaleDateString('en-GB', {
      timeZone: 'UTC',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    })
    .replace(',', '');
}
