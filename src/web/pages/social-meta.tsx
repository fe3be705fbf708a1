/** What a link preview shows: Open Graph and Twitter card tags (hono/jsx escapes every value). */
export interface SocialCard {
  title: string;
  description: string;
  /** The page's absolute address. */
  url: string;
  /** An absolute image address, or null for a card without a picture. */
  image: string | null;
}

/** Text cut to at most `max` characters at a word boundary, whitespace collapsed, "…" when cut. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** An image address made absolute against the site's base address; null when it is neither. */
export function absoluteImage(src: string | null, baseUrl: string): string | null {
  if (!src) return null;
  if (/^https?:\/\//i.test(src)) return src;
  if (src.startsWith('/') && !src.startsWith('//')) return `${baseUrl}${src}`;
  return null;
}

/** The Open Graph and Twitter card tags of a page, with a canonical link. */
export function SocialMeta({ card }: { card: SocialCard }) {
  return (
    <>
      <link rel="canonical" href={card.url} />
      <meta name="description" content={card.description} />
      <meta property="og:type" content="article" />
      <meta property="og:site_name" content="Folio" />
      <meta property="og:title" content={card.title} />
      <meta property="og:description" content={card.description} />
      <meta property="og:url" content={card.url} />
      {card.image ? <meta property="og:image" content={card.image} /> : null}
      <meta name="twitter:card" content={card.image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={card.title} />
      <meta name="twitter:description" content={card.description} />
      {card.image ? <meta name="twitter:image" content={card.image} /> : null}
    </>
  );
}
