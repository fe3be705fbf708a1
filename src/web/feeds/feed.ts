/** A feed independent of its format; rss.ts, atom.ts and json-feed.ts each write one. */
export interface FeedDoc {
  /** Stable id of the feed (its canonical URL without format). */
  id: string;
  title: string;
  description: string;
  /** The page this feed mirrors. */
  homePageUrl: string;
  /** This feed's own URL in each format. */
  feedUrls: Record<FeedFormat, string>;
  updated: Date;
  items: FeedItem[];
}

export interface FeedItem {
  /** Stable id: the paper's page URL on this Folio. */
  id: string;
  url: string;
  title: string;
  /** Plain text (the abstract), never HTML. */
  summary: string;
  authors: string[];
  categories: string[];
  published: Date;
  updated: Date;
  /** An extra line, e.g. why it is trending. */
  note?: string;
  externalUrl?: string;
}

export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};

/** RFC 3339 (UTC) for Atom and JSON Feed. */
export const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
/** RFC 822 (as RSS 2.0 wants it; `toUTCString` writes the RFC 1123 refinement with GMT). */
export const rfc822 = (d: Date) => d.toUTCString();
