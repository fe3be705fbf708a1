import { rfc822, type FeedDoc } from './feed.ts';
import { xmlEscape as x } from './xml.ts';

/** RSS 2.0, with atom:link rel=self and dc:creator per author. */
export function renderRss(doc: FeedDoc): string {
  const items = doc.items
    .map(
      (item) =>
        `<item>` +
        `<title>${x(item.title)}</title>` +
        `<link>${x(item.url)}</link>` +
        `<guid isPermaLink="true">${x(item.id)}</guid>` +
        `<pubDate>${rfc822(item.published)}</pubDate>` +
        `<description>${x(item.note ? `${item.note}\n\n${item.summary}` : item.summary)}</description>` +
        item.authors.map((a) => `<dc:creator>${x(a)}</dc:creator>`).join('') +
        item.categories.map((c) => `<category>${x(c)}</category>`).join('') +
        `</item>`,
    )
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">\n` +
    `<channel>\n` +
    `<title>${x(doc.title)}</title>\n` +
    `<link>${x(doc.homePageUrl)}</link>\n` +
    `<description>${x(doc.description)}</description>\n` +
    `<atom:link href="${x(doc.feedUrls.rss)}" rel="self" type="application/rss+xml"/>\n` +
    `<lastBuildDate>${rfc822(doc.updated)}</lastBuildDate>\n` +
    `<generator>Folio</generator>\n` +
    `${items}\n</channel>\n</rss>\n`
  );
}
