import type { PaperRecord, PaperVersion } from '../../domain/paper.ts';
import { splitAuthorList } from './record-checks.ts';
import { child, children, childText, NS, type XmlElement } from './xml.ts';

/** The metadata formats Folio harvests: arXivRaw carries the version history, arXiv does not. */
export type OaiFormat = 'arXivRaw' | 'arXiv';

export const OAI_FORMATS: readonly string[] = [NS.arxivRaw, NS.arxivOai];

/** Maps an `<arXivRaw>` or `<arXiv>` metadata element to a paper record. */
export function mapOaiMetadata(metadata: XmlElement): PaperRecord {
  return metadata.ns === NS.arxivRaw ? fromArxivRaw(metadata) : fromArxiv(metadata);
}

function fromArxivRaw(m: XmlElement): PaperRecord {
  const ns = NS.arxivRaw;
  const versions: PaperVersion[] = children(m, ns, 'version').flatMap((v) => {
    const number = Number((v.attrs.version ?? '').replace(/^v/, ''));
    if (!Number.isInteger(number) || number < 1) return [];
    const date = toIso(childText(v, ns, 'date'));
    const size = childText(v, ns, 'size');
    return [{ version: number, date, ...(size ? { size } : {}) }];
  });
  versions.sort((a, b) => a.version - b.version);
  const last = versions.at(-1);
  return {
    ...common(m, ns),
    authors: splitAuthorList(childText(m, ns, 'authors')),
    version: last?.version ?? null,
    publishedAt: versions[0]?.date ?? null,
    updatedAt: last?.date ?? null,
    versions,
  };
}

function fromArxiv(m: XmlElement): PaperRecord {
  const ns = NS.arxivOai;
  const authorList = child(m, ns, 'authors');
  const authors = authorList
    ? children(authorList, ns, 'author').map((a) =>
        [childText(a, ns, 'forenames'), childText(a, ns, 'keyname'), childText(a, ns, 'suffix')]
          .filter(Boolean)
          .join(' '),
      )
    : [];
  const created = childText(m, ns, 'created');
  return {
    ...common(m, ns),
    authors,
    publishedAt: created,
    updatedAt: childText(m, ns, 'updated') ?? created,
  };
}

/** Fields both formats spell the same way. */
function common(m: XmlElement, ns: string) {
  return {
    id: childText(m, ns, 'id') ?? '',
    title: childText(m, ns, 'title') ?? '',
    abstract: child(m, ns, 'abstract')?.text ?? '',
    // Space-separated, primary first.
    categories: (childText(m, ns, 'categories') ?? '').split(/\s+/).filter(Boolean),
    comment: childText(m, ns, 'comments'),
    journalRef: childText(m, ns, 'journal-ref'),
    // Some records list several DOIs separated by spaces; the first is the paper's own.
    doi: childText(m, ns, 'doi')?.split(/\s+/)[0] ?? null,
    license: childText(m, ns, 'license'),
  };
}

/** RFC 2822 ("Tue, 3 Apr 2007 22:04:11 GMT") → ISO-8601, or null. */
function toIso(text: string | null): string | null {
  if (!text) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
