import type { Paper } from '../../domain/paper.ts';

/** A BibTeX @misc entry for a paper, in the form arXiv itself offers. */
export function paperBibtex(paper: Paper): string {
  const year = (paper.publishedAt ?? paper.listingDate ?? '').slice(0, 4);
  const firstAuthor = (paper.authors[0] ?? 'anon').split(/\s+/).at(-1) ?? 'anon';
  const titleWord = paper.title.split(/\s+/).find((w) => w.length > 3) ?? 'paper';
  const key = `${firstAuthor}${year}${titleWord}`.toLowerCase().replace(/[^a-z0-9]/g, '');
  const field = (name: string, value: string) => `  ${name.padEnd(13)}= {${escapeBibtex(value)}},`;
  return [
    `@misc{${key || paper.id.replace(/\W/g, '')},`,
    field('title', paper.title),
    field('author', paper.authors.join(' and ')),
    year ? field('year', year) : null,
    field('eprint', paper.id),
    field('archivePrefix', 'arXiv'),
    paper.categories[0] ? field('primaryClass', paper.categories[0]) : null,
    paper.doi ? field('doi', paper.doi) : null,
    field('url', `https://arxiv.org/abs/${paper.id}`),
    '}',
  ]
    .filter((line) => line !== null)
    .join('\n');
}

/** Braces must balance inside a BibTeX field; unbalanced ones are escaped. */
function escapeBibtex(value: string): string {
  let depth = 0;
  for (const ch of value) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (depth < 0) break;
  }
  return depth === 0 ? value : value.replace(/[{}]/g, (b) => `\\${b}`);
}
