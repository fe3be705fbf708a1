import { parseArxivId } from '../../domain/arxiv-id.ts';
import type { PaperRecord, PaperVersion } from '../../domain/paper.ts';
import { recordLabel, refuseReason, type ParseFailure } from './record-checks.ts';
import { SourceError } from './source-error.ts';
import { child, children, childText, NS, parseXml, type XmlElement } from './xml.ts';

export interface AtomLink {
  href: string;
  rel: string | null;
  type: string | null;
  title: string | null;
}

/** One paper of an arXiv API answer, with the links the entry carried. */
export interface ArxivAtomEntry {
  record: PaperRecord;
  /** Where the entry is in the feed, for messages. */
  label: string;
  links: AtomLink[];
}

/** One page of an arXiv query API answer. */
export interface ArxivAtomPage {
  totalResults: number | null;
  startIndex: number | null;
  itemsPerPage: number | null;
  entries: ArxivAtomEntry[];
  failures: ParseFailure[];
}

/**
 * Parses an arXiv query API Atom feed by namespace URI. The API's error feed (one entry titled
 * "Error") and anything that is not an Atom feed are SourceErrors; an entry that cannot be a
 * paper is a failure naming it, and the other entries are kept.
 */
export function parseArxivAtom(
  text: string,
  source: string,
  options: { invalidUtf8?: boolean } = {},
): ArxivAtomPage {
  const feed = parseXml(text, source);
  if (feed.ns !== NS.atom || feed.name !== 'feed')
    throw new SourceError(source, `expected an Atom feed, got <${feed.name}> in "${feed.ns}"`);
  const entries = children(feed, NS.atom, 'entry');
  const apiError = entries.find(isErrorEntry);
  if (apiError)
    throw new SourceError(
      source,
      `the arXiv API refused the query: ${childText(apiError, NS.atom, 'summary') ?? 'no reason given'}`,
    );
  const page: ArxivAtomPage = {
    totalResults: intOrNull(childText(feed, NS.opensearch, 'totalResults')),
    startIndex: intOrNull(childText(feed, NS.opensearch, 'startIndex')),
    itemsPerPage: intOrNull(childText(feed, NS.opensearch, 'itemsPerPage')),
    entries: [],
    failures: [],
  };
  entries.forEach((entry, index) => {
    const rawId = childText(entry, NS.atom, 'id');
    const parsed = rawId ? parseArxivId(rawId) : null;
    if (!parsed) {
      page.failures.push({
        record: recordLabel(index, rawId),
        reason: rawId ? `invalid arXiv id ${JSON.stringify(rawId.slice(0, 80))}` : 'no id',
      });
      return;
    }
    const mapped = mapEntry(entry, parsed.id, parsed.version, recordLabel(index, parsed.id));
    const refused = refuseReason(mapped.record, options.invalidUtf8 ?? false);
    if (refused) page.failures.push({ record: recordLabel(index, parsed.id), reason: refused });
    else page.entries.push(mapped);
  });
  return page;
}

function mapEntry(
  entry: XmlElement,
  id: string,
  version: number | null,
  label: string,
): ArxivAtomEntry {
  const published = childText(entry, NS.atom, 'published');
  const updated = childText(entry, NS.atom, 'updated');
  const primary = child(entry, NS.arxiv, 'primary_category')?.attrs.term;
  const others = children(entry, NS.atom, 'category').map((c) => c.attrs.term ?? '');
  const links = children(entry, NS.atom, 'link').map((l) => ({
    href: l.attrs.href ?? '',
    rel: l.attrs.rel ?? null,
    type: l.attrs.type ?? null,
    title: l.attrs.title ?? null,
  }));
  const doiLink = links.find((l) => l.title === 'doi')?.href;
  const versions: PaperVersion[] = [];
  if (published) versions.push({ version: 1, date: published });
  if (version && version > 1) versions.push({ version, date: updated });
  return {
    record: {
      id,
      version,
      title: childText(entry, NS.atom, 'title') ?? '',
      abstract: child(entry, NS.atom, 'summary')?.text ?? '',
      authors: children(entry, NS.atom, 'author').map((a) => childText(a, NS.atom, 'name') ?? ''),
      categories: [...new Set([...(primary ? [primary] : []), ...others])].filter(Boolean),
      publishedAt: published,
      updatedAt: updated,
      comment: childText(entry, NS.arxiv, 'comment'),
      journalRef: childText(entry, NS.arxiv, 'journal_ref'),
      doi: childText(entry, NS.arxiv, 'doi') ?? doiFromUrl(doiLink),
      versions,
    },
    links,
    label,
  };
}

function isErrorEntry(entry: XmlElement): boolean {
  const title = childText(entry, NS.atom, 'title');
  const id = childText(entry, NS.atom, 'id') ?? '';
  return title === 'Error' && /\/api\/errors/.test(id);
}

function doiFromUrl(url: string | undefined): string | null {
  const match = url ? /doi\.org\/(10\..+)$/.exec(url) : null;
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

function intOrNull(text: string | null): number | null {
  if (text === null || !/^\d+$/.test(text)) return null;
  return Number(text);
}
