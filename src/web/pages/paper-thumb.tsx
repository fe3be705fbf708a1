import type { ListedPaper } from '../../domain/listed-paper.ts';
import { paperPath } from './paths.ts';

/** The figure a source published for a paper: its first image, else its thumbnail card. */
export function figureOf(item: Pick<ListedPaper, 'mediaUrls' | 'thumbnailUrl'>): string | null {
  return (
    item.mediaUrls.find((url) => /\.(png|jpe?g|gif|webp)(\?|$)/i.test(url)) ?? item.thumbnailUrl
  );
}

/** A hue from the paper id, so each generated tile differs but stays the same between visits. */
function hueOf(id: string): number {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

/**
 * A card's picture: the paper's figure when a source published one, drawn over a generated
 * tile (the primary category on a colour of its own) that also shows when the figure cannot
 * load, e.g. offline.
 */
export function PaperThumb({ item }: { item: ListedPaper }) {
  const { paper } = item;
  const figure = figureOf(item);
  const category = paper.categories[0] ?? 'arXiv';
  return (
    <a
      class="thumb"
      href={paperPath(paper.id)}
      tabindex={-1}
      aria-hidden="true"
      style={`--hue: ${hueOf(paper.id)}`}
    >
      <span class="thumb-tile">
        <span class="thumb-cat">{category}</span>
        <span class="thumb-id">{paper.id}</span>
      </span>
      {figure ? (
        // A background rather than an <img>: a figure that cannot load (offline) leaves the
        // tile showing instead of a broken-image mark.
        <span class="thumb-figure" style={`background-image: url("${figure}")`} />
      ) : null}
    </a>
  );
}
