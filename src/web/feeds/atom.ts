import { rfc3339, type FeedDoc } from './feed.ts';
import { xmlEscape as x } from './xml.ts';

/** Atom 1.0 (RFC 4287). */
export function renderAtom(doc: FeedDoc): string {
  const entries = doc.items
    .map(
      (item) =>
        `<entry>` +
        `<id>${x(item.id)}</id>` +
        `<title type="text">${x(item.title)}</title>` +
        `<link rel="alternate" type="text/html" href="${x(item.url)}"/>` +
        (item.externalUrl ? `<link rel="related" href="${x(item.externalUrl)}"/>` : '') +
        `<published>${rfc3339(item.published)}</published>` +
        `<updated>${rfc3339(item.updated)}</updated>` +
        (item.authors.length > 0
          ? item.authors.map((a) => `<author><name>${x(a)}</name></author>`).join('')
          : `<author><name>Unknown</name></author>`) +
        item.categories.map((c) => `<category term="${x(c)}"/>`).join('') +
        `<summary type="text">${x(item.note ? `${item.note}\n\n${item.summary}` : item.summary)}</summary>` +
        `</entry>`,
    )
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<feed xmlns="http://www.w3.org/2005/Atom">\n` +
    `<id>${x(doc.id)}</id>\n` +
    `<title type="text">${x(doc.title)}</title>\n` +
    `<subtitle type="text">${x(doc.description)}</subtitle>\n` +
    `<link rel="self" type="application/atom+xml" href="${x(doc.feedUrls.atom)}"/>\n` +
    `<link rel="alternate" type="text/html" href="${x(doc.homePageUrl)}"/>\n` +
    `<updated>${rfc3339(doc.updated)}</updated>\n` +
    `<generator>Folio</generator>\n` +
    `${entries}\n</feed>\n`
  );
}
