import type { Paper } from '../../domain/paper.ts';

/** One paper in a list: title linking to its page, authors, categories. */
export function PaperCard({ paper }: { paper: Paper }) {
  const authors =
    paper.authors.length > 6
      ? `${paper.authors.slice(0, 6).join(', ')} et al.`
      : paper.authors.join(', ');
  return (
    <article class="paper-card">
      <h2>
        <a href={`/papers/${paper.id}`}>{paper.title}</a>
      </h2>
      <p class="authors">{authors}</p>
      <p class="meta">
        <span>{paper.id}</span> · <span>{paper.categories.join(' · ')}</span>
      </p>
    </article>
  );
}
