import { rfc3339, type FeedDoc } from './feed.ts';
import { xmlSafe } from './xml.ts';

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1); text is text, never HTML. */
export function renderJsonFeed(doc: FeedDoc): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: xmlSafe(doc.title),
    home_page_url: doc.homePageUrl,
    feed_url: doc.feedUrls.json,
    description: xmlSafe(doc.description),
    language: 'en',
    items: doc.items.map((item) => ({
      id: item.id,
      url: item.url,
      ...(item.externalUrl ? { external_url: item.externalUrl } : {}),
      title: xmlSafe(item.title),
      content_text: xmlSafe(item.note ? `${item.note}\n\n${item.summary}` : item.summary),
      summary: xmlSafe(item.summary.length > 500 ? `${item.summary.slice(0, 497)}…` : item.summary),
      date_published: rfc3339(item.published),
      date_modified: rfc3339(item.updated),
      authors: item.authors.map((name) => ({ name: xmlSafe(name) })),
      tags: item.categories,
    })),
  });
}
