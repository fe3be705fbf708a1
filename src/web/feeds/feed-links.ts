import { FEED_FORMATS, FEED_TYPES, type FeedFormat } from './feed.ts';

export type FeedLinkKind =
  'daily' | 'weekly' | 'trending' | 'category' | 'search' | 'personal' | 'following';

const FORMAT_NAMES: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

/** A feed's path in one format, e.g. `/feeds/category/cs.CL.atom` or `/feeds/search.rss?q=…`. */
export function feedPath(
  kind: FeedLinkKind,
  format: FeedFormat,
  params: Record<string, string | undefined> = {},
): string {
  const query = new URLSearchParams();
  let path: string;
  switch (kind) {
    case 'category':
      path = `/feeds/category/${encodeURIComponent(params.category ?? '')}.${format}`;
      break;
    case 'personal':
      path = `/feeds/user/${encodeURIComponent(params.token ?? '')}.${format}`;
      break;
    case 'following':
      path = `/feeds/following/${encodeURIComponent(params.token ?? '')}.${format}`;
      break;
    default:
      path = `/feeds/${kind}.${format}`;
      for (const key of ['date', 'week', 'window', 'q'])
        if (params[key]) query.set(key, params[key]!);
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * The autodiscovery links for a page's feed in every format, ready for Layout's `feeds` prop:
 * `<Layout feeds={feedLinksFor('category', { category: 'cs.CL' })}>`.
 */
export function feedLinksFor(
  kind: FeedLinkKind,
  params: Record<string, string | undefined> = {},
): { type: string; title: string; href: string }[] {
  const title = TITLES[kind](params);
  return FEED_FORMATS.map((format) => ({
    type: FEED_TYPES[format],
    title: `${title} (${FORMAT_NAMES[format]})`,
    href: feedPath(kind, format, params),
  }));
}

const TITLES: Record<FeedLinkKind, (p: Record<string, string | undefined>) => string> = {
  daily: (p) => (p.date ? `Daily papers ${p.date}` : 'Daily papers'),
  weekly: (p) => (p.week ? `Weekly papers ${p.week}` : 'Weekly papers'),
  trending: () => 'Trending papers',
  category: (p) => `Papers in ${p.category ?? ''}`,
  search: (p) => `Search: ${p.q ?? ''}`,
  personal: () => 'Your upvoted papers',
  following: () => 'What you follow',
};
