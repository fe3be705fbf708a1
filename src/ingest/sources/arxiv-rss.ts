import { parseArxivId } from '../../domain/arxiv-id.ts';
import type { PaperRecord } from '../../domain/paper.ts';
import { fetchRemote, type RemoteClient } from '../http/remote-fetch.ts';
import type { RateLimiter } from '../http/rate-limiter.ts';
import { feedDay } from './listing-date.ts';
import { recordLabel, refuseReason, splitAuthorList, type ParseFailure } from './record-checks.ts';
import { SourceError } from './source-error.ts';
import { child, children, childText, NS, parseXml, type XmlElement } from './xml.ts';

export const RSS_SOURCE = 'arxiv-rss';

export type AnnounceType = 'new' | 'cross' | 'replace' | 'replace-cross';

/** One item of a daily listing: the paper and how it was announced. */
export interface ListingItem {
  record: PaperRecord;
  announceType: AnnounceType;
}

/** A daily listing feed: the announcement day (null for an empty feed without one) and its items. */
export interface ListingFeed {
  listingDate: string | null;
  items: ListingItem[];
  failures: ParseFailure[];
}

const ANNOUNCE_TYPES: readonly string[] = ['new', 'cross', 'replace', 'replace-cross'];
// "arXiv:2411.17700v1 Announce Type: new \nAbstract: …" starts every description.
const ABSTRACT_PREFIX = /^\s*arXiv:\S+\s+Announce Type:\s*\S+\s*(?:Abstract:\s*)?/;

/**
 * Parses an arXiv daily listing feed, RSS 2.0 or Atom, by namespace URI. New papers and
 * cross-lists take the feed's day as their listing date; replacements carry none, so they
 * update a paper without moving it to another day. The error feed arXiv serves for a bad
 * archive name is a SourceError; an empty feed (weekends, holidays) is not an error.
 */
export function parseListingFeed(
  text: string,
  options: { invalidUtf8?: boolean } = {},
): ListingFeed {
  const root = parseXml(text, RSS_SOURCE);
  if (root.ns === '' && root.name === 'rss') {
    const channel = child(root, '', 'channel');
    if (!channel) throw new SourceError(RSS_SOURCE, 'the RSS feed has no channel');
    return readFeed(channel, children(channel, '', 'item'), rssItem, options);
  }
  if (root.ns === NS.atom && root.name === 'feed')
    return readFeed(root, children(root, NS.atom, 'entry'), atomEntry, options);
  throw new SourceError(RSS_SOURCE, `expected an RSS or Atom feed, got <${root.name}>`);
}

interface RawItem {
  idText: string | null;
  title: string;
  description: string;
  authors: string[];
  categories: string[];
  announceType: string | null;
  license: string | null;
  doi: string | null;
  journalRef: string | null;
  published: string | null;
}

function readFeed(
  head: XmlElement,
  elements: XmlElement[],
  read: (el: XmlElement) => RawItem,
  options: { invalidUtf8?: boolean },
): ListingFeed {
  const title = childText(head, '', 'title') ?? childText(head, NS.atom, 'title') ?? '';
  if (/^Feed error for query/i.test(title)) {
    const reason = childText(head, '', 'description') ?? childText(head, NS.atom, 'subtitle');
    throw new SourceError(RSS_SOURCE, `arXiv refused the feed: ${reason ?? title}`);
  }
  const day = feedDay(
    childText(head, '', 'pubDate'),
    childText(head, '', 'lastBuildDate'),
    childText(head, NS.atom, 'updated'),
  );
  const feed: ListingFeed = { listingDate: day, items: [], failures: [] };
  elements.forEach((element, index) => {
    const raw = read(element);
    const parsed = raw.idText ? parseArxivId(raw.idText) : null;
    const label = recordLabel(index, parsed?.id ?? raw.idText);
    if (!parsed) {
      feed.failures.push({ record: label, reason: `no arXiv id in ${JSON.stringify(raw.idText)}` });
      return;
    }
    const announceType = raw.announceType ?? announceFromDescription(raw.description);
    if (!announceType || !ANNOUNCE_TYPES.includes(announceType)) {
      feed.failures.push({ record: label, reason: `unknown announce type ${announceType}` });
      return;
    }
    const listed = announceType === 'new' || announceType === 'cross';
    const itemDay = feedDay(raw.published) ?? day;
    const record: PaperRecord = {
      id: parsed.id,
      version: parsed.version,
      title: raw.title,
      abstract: raw.description.replace(ABSTRACT_PREFIX, ''),
      authors: raw.authors,
      categories: raw.categories,
      license: raw.license,
      doi: raw.doi,
      journalRef: raw.journalRef,
      ...(listed && itemDay ? { listingDate: itemDay } : {}),
      ...(parsed.version ? { versions: [{ version: parsed.version, date: null }] } : {}),
    };
    const refused = refuseReason(record, options.invalidUtf8 ?? false);
    if (refused) feed.failures.push({ record: label, reason: refused });
    else feed.items.push({ record, announceType: announceType as AnnounceType });
  });
  return feed;
}

function rssItem(item: XmlElement): RawItem {
  const guid = childText(item, '', 'guid');
  const description = child(item, '', 'description')?.text ?? '';
  return {
    idText: idFrom(guid, childText(item, '', 'link'), description),
    title: childText(item, '', 'title') ?? '',
    description,
    authors: splitAuthorList(
      children(item, NS.dc, 'creator')
        .map((c) => c.text)
        .join(', '),
    ),
    categories: children(item, '', 'category').map((c) => c.text.trim()),
    announceType: childText(item, NS.arxiv, 'announce_type'),
    license: childText(item, NS.dc, 'rights'),
    doi: childText(item, NS.arxiv, 'DOI') ?? childText(item, NS.arxiv, 'doi'),
    journalRef: childText(item, NS.arxiv, 'journal_reference'),
    published: null,
  };
}

function atomEntry(entry: XmlElement): RawItem {
  const description = child(entry, NS.atom, 'summary')?.text ?? '';
  const alternate = children(entry, NS.atom, 'link').find((l) => l.attrs.rel !== 'self');
  const atomAuthors = children(entry, NS.atom, 'author').map((a) => childText(a, NS.atom, 'name'));
  const dcAuthors = children(entry, NS.dc, 'creator')
    .map((c) => c.text)
    .join(', ');
  return {
    idText: idFrom(childText(entry, NS.atom, 'id'), alternate?.attrs.href ?? null, description),
    title: childText(entry, NS.atom, 'title') ?? '',
    description,
    authors: dcAuthors
      ? splitAuthorList(dcAuthors)
      : atomAuthors.filter((a): a is string => Boolean(a)),
    categories: children(entry, NS.atom, 'category').map((c) => c.attrs.term ?? ''),
    announceType: childText(entry, NS.arxiv, 'announce_type'),
    license: childText(entry, NS.atom, 'rights') ?? childText(entry, NS.dc, 'rights'),
    doi: childText(entry, NS.arxiv, 'DOI') ?? childText(entry, NS.arxiv, 'doi'),
    journalRef: childText(entry, NS.arxiv, 'journal_reference'),
    published: childText(entry, NS.atom, 'published'),
  };
}

/** The id from `oai:arXiv.org:2411.17700v1`, the abs link, or the description's `arXiv:` prefix. */
function idFrom(guid: string | null, link: string | null, description: string): string | null {
  const fromGuid = guid?.replace(/^oai:arXiv\.org:/i, '');
  if (fromGuid && parseArxivId(fromGuid)) return fromGuid;
  if (link && parseArxivId(link)) return link;
  const fromDescription = /^\s*arXiv:(\S+)/.exec(description)?.[1];
  return fromDescription ?? guid ?? link;
}

function announceFromDescription(description: string): string | null {
  return /Announce Type:\s*(\S+)/.exec(description)?.[1] ?? null;
}

/** Fetches and parses the listing feed of one category or archive (e.g. `cs.CV`). */
export async function fetchListingFeed(
  http: { client: RemoteClient; limiter: RateLimiter },
  base: string,
  category: string,
): Promise<ListingFeed> {
  const url = `${base.replace(/\/$/, '')}/${encodeURIComponent(category)}`;
  const response = await fetchRemote(http.client, RSS_SOURCE, url, {
    limiter: http.limiter,
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9',
  });
  if (response.status !== 200)
    throw new SourceError(RSS_SOURCE, `${url} answered HTTP ${response.status}`);
  return parseListingFeed(response.body, { invalidUtf8: response.invalidUtf8 });
}
