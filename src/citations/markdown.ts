import type { Paper } from '../domain/paper.ts';
import { paperLinks } from './links.ts';

/** A paper as a Markdown document: title, authors, links, abstract (what `papers read` prints). */
export function toMarkdown(paper: Paper, options: { pageUrl?: string } = {}): string {
  const links = paperLinks(paper);
  const linkLine = [
    `[arXiv:${paper.id}](${links.abs})`,
    `[PDF](${links.pdf})`,
    ...(options.pageUrl ? [`[Folio](${options.pageUrl})`] : []),
    ...(links.doi ? [`[DOI](${links.doi})`] : []),
    ...(paper.codeRepo ? [`[Code](${codeUrl(paper.codeRepo)})`] : []),
    ...(paper.projectPage ? [`[Project page](${encodeURI(paper.projectPage)})`] : []),
  ].join(' · ');
  const facts = [
    paper.categories.length > 0 ? `**Categories:** ${md(paper.categories.join(', '))}` : '',
    paper.publishedAt ? `**Published:** ${paper.publishedAt.slice(0, 10)}` : '',
    paper.listingDate ? `**Listed:** ${paper.listingDate}` : '',
    paper.comment ? `**Comment:** ${md(paper.comment)}` : '',
    paper.journalRef ? `**Journal reference:** ${md(paper.journalRef)}` : '',
  ].filter(Boolean);
  return [
    `# ${md(paper.title)}`,
    '',
    `**Authors:** ${md(paper.authors.join(', '))}`,
    '',
    linkLine,
    '',
    ...facts.map((f) => `${f}  `),
    ...(facts.length > 0 ? [''] : []),
    '## Abstract',
    '',
    paper.abstract
      .split(/\n{2,}/)
      .map((p) => md(p))
      .join('\n\n'),
    '',
  ].join('\n');
}

/** A list of papers as a Markdown bullet list with links. */
export function toMarkdownList(title: string, papers: readonly Paper[]): string {
  const items = papers.map(
    (p) => `- [${md(p.title)}](${paperLinks(p).abs}) — ${md(shortAuthors(p.authors))} (${p.id})`,
  );
  return [`# ${md(title)}`, '', ...items, ''].join('\n');
}

/**
 * Paper text as Markdown that can neither format nor inject anything, with its TeX intact.
 * Outside `$…$` the characters CommonMark (and GFM) read as inline markup or raw HTML are
 * backslash-escaped, and so is a line start that would begin a heading, list or quote. Inside
 * math nothing is escaped, so `$\mathbb{F}_q$` reaches a math-aware renderer as written; only
 * `<` and `>` become `\lt`/`\gt` (same maths) so a renderer without maths sees no HTML tag.
 */
export function md(text: string): string {
  return text
    .split(/(\$[^$\n]+\$)/)
    .map((part, i) =>
      i % 2 === 1
        ? part.replace(/</g, '\\lt ').replace(/>/g, '\\gt ')
        : part
            .replace(/[\\`*_[\]<>&|~]/g, '\\$&')
            .replace(
              /^(\s*)([#>+-]|\d+[.)])(?=\s|$)/gm,
              (_, space: string, mark: string) => `${space}${mark.replace(/([#>+\-.)])$/, '\\$1')}`,
            ),
    )
    .join('');
}

const shortAuthors = (authors: string[]) =>
  authors.length > 3 ? `${authors.slice(0, 3).join(', ')} et al.` : authors.join(', ');

/** `github:owner/name` → https://github.com/owner/name (other hosts alike). */
export function codeUrl(codeRepo: string): string {
  const [host, path] = codeRepo.includes(':') ? codeRepo.split(':', 2) : ['github', codeRepo];
  const domain =
    host === 'gitlab' ? 'gitlab.com' : host === 'huggingface' ? 'huggingface.co' : 'github.com';
  return `https://${domain}/${encodeURI(path ?? '')}`;
}
