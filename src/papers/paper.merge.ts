import type { Paper, PaperRecord, PaperVersion } from '../domain/paper.ts';

/**
 * Merges what a source says about a paper into what is stored. The record with the higher
 * version wins each field it knows; a field only one side knows is kept; version histories
 * are united. Merging the same record twice changes nothing (idempotent).
 */
export function mergePaper(stored: Paper | null, incoming: PaperRecord): Paper {
  // A record's version is the newest it knows of, whether named outright or in its history.
  const incomingVersion = Math.max(incoming.version ?? 1, maxVersion(incoming.versions) ?? 1);
  if (!stored) return fromRecord(incoming, incomingVersion);
  const incomingWins = incomingVersion >= stored.version;
  const pick = <T>(a: T | null | undefined, b: T | null | undefined): T | null => {
    const [first, second] = incomingWins ? [a, b] : [b, a];
    return first ?? second ?? null;
  };
  const nonEmpty = <T>(list: T[]): T[] | null => (list.length > 0 ? list : null);
  const versions = mergeVersions(stored.versions, incoming.versions ?? []);
  return {
    id: stored.id,
    version: Math.max(stored.version, incomingVersion),
    title: (incomingWins ? incoming.title || stored.title : stored.title || incoming.title) ?? '',
    abstract:
      (incomingWins
        ? incoming.abstract || stored.abstract
        : stored.abstract || incoming.abstract) ?? '',
    authors: pick(nonEmpty(incoming.authors), nonEmpty(stored.authors)) ?? [],
    categories: pick(nonEmpty(incoming.categories), nonEmpty(stored.categories)) ?? [],
    // v1's date never changes; the earliest known wins whatever the version.
    publishedAt: earliest(stored.publishedAt, incoming.publishedAt ?? null),
    updatedAt: latest(stored.updatedAt, incoming.updatedAt ?? null),
    // The first listing day is the paper's day; later replacement listings do not move it.
    listingDate: earliest(stored.listingDate, incoming.listingDate ?? null),
    comment: pick(incoming.comment, stored.comment),
    journalRef: pick(incoming.journalRef, stored.journalRef),
    doi: pick(incoming.doi, stored.doi),
    license: pick(incoming.license, stored.license),
    codeRepo: pick(incoming.codeRepo, stored.codeRepo),
    projectPage: pick(incoming.projectPage, stored.projectPage),
    versions,
  };
}

function fromRecord(record: PaperRecord, version: number): Paper {
  return {
    id: record.id,
    version,
    title: record.title,
    abstract: record.abstract,
    authors: record.authors,
    categories: record.categories,
    publishedAt: record.publishedAt ?? null,
    updatedAt: record.updatedAt ?? null,
    listingDate: record.listingDate ?? null,
    comment: record.comment ?? null,
    journalRef: record.journalRef ?? null,
    doi: record.doi ?? null,
    license: record.license ?? null,
    codeRepo: record.codeRepo ?? null,
    projectPage: record.projectPage ?? null,
    versions: mergeVersions([], record.versions ?? []),
  };
}

function mergeVersions(a: PaperVersion[], b: PaperVersion[]): PaperVersion[] {
  const byNumber = new Map<number, PaperVersion>();
  for (const v of [...a, ...b]) {
    const known = byNumber.get(v.version);
    byNumber.set(v.version, {
      version: v.version,
      date: known?.date ?? v.date ?? null,
      ...((known?.size ?? v.size) ? { size: known?.size ?? v.size ?? null } : {}),
    });
  }
  return [...byNumber.values()].sort((x, y) => x.version - y.version);
}

function maxVersion(versions: PaperVersion[] | undefined): number | null {
  if (!versions || versions.length === 0) return null;
  return Math.max(...versions.map((v) => v.version));
}

function earliest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a <= b ? a : b;
}

function latest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a >= b ? a : b;
}

/** True when merging changed anything worth writing. */
export function samePaper(a: Paper, b: Paper): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
