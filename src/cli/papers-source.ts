import { toMarkdown } from '../citations/markdown.ts';
import type { ListedPaper } from '../domain/listed-paper.ts';
import type { Paper } from '../domain/paper.ts';
import type { Period } from '../domain/periods.ts';
import { dayPeriod } from '../domain/periods.ts';
import type { AppServices } from '../services.ts';

/** One line of `papers ls` or `papers search`. */
export interface PaperLine {
  paper: Paper;
  upvotes: number | null;
  /** Day listed, trending explanation, or search score: whatever explains the line. */
  note: string;
  /** For list lines: the list entry. */
  entry?: { day: string; numComments: number; submitter: string | null; featured: boolean };
}

/** Where the `papers` commands read from: the local store, or a remote Folio over its API. */
export interface PaperSource {
  list(
    period: Period | null,
    limit: number,
  ): Promise<{ period: Period | null; total: number; lines: PaperLine[] }>;
  trending(limit: number): Promise<PaperLine[]>;
  search(q: string, limit: number): Promise<PaperLine[]>;
  info(id: string): Promise<{ paper: Paper; upvotes: number; numComments: number } | null>;
  markdown(id: string): Promise<string | null>;
}

const fromListed = (l: ListedPaper): PaperLine => ({
  paper: l.paper,
  upvotes: l.upvotes,
  note: l.day,
  entry: {
    day: l.day,
    numComments: l.numComments,
    submitter: l.submitter?.name ?? null,
    featured: l.featured,
  },
});

/** The local store, through the same services the site uses. */
export function localSource(runtime: AppServices): PaperSource {
  return {
    async list(chosen, limit) {
      const latest = chosen ? null : await runtime.papers.latestListingDate();
      const period = chosen ?? (latest ? dayPeriod(latest) : null);
      if (!period) return { period: null, total: 0, lines: [] };
      const [listed, total] = await Promise.all([
        runtime.lists.list(period, { limit }),
        runtime.lists.count(period),
      ]);
      return { period, total, lines: listed.map(fromListed) };
    },
    async trending(limit) {
      const items = await runtime.trending.list({ window: '7d', limit });
      return items.map((t) => ({
        paper: t.paper,
        upvotes: t.explanation.upvotes,
        note: t.explanation.text,
      }));
    },
    async search(q, limit) {
      const result = await runtime.search.search({ q, limit });
      return result.hits.map((h) => ({
        paper: h.paper,
        upvotes: null,
        note: h.paper.listingDate ?? '',
      }));
    },
    async info(id) {
      const listed = await runtime.papers.paperDetails(id, null);
      return listed
        ? { paper: listed.paper, upvotes: listed.upvotes, numComments: listed.numComments }
        : null;
    },
    async markdown(id) {
      const listed = await runtime.papers.paperDetails(id, null);
      return listed
        ? toMarkdown(listed.paper, { pageUrl: `${runtime.config.baseUrl}/papers/${id}` })
        : null;
    },
  };
}

/** A remote Folio (or anything serving its API) at `server`. */
export function remoteSource(server: string, fetchImpl: typeof fetch = fetch): PaperSource {
  const base = server.replace(/\/+$/, '');
  const get = async (path: string): Promise<Response | null> => {
    let res: Response;
    try {
      res = await fetchImpl(base + path, { headers: { accept: 'application/json' } });
    } catch (error) {
      throw new Error(
        `cannot reach ${base}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (res.status === 404) return null;
    if (!res.ok) {
      const problem = (await res.json().catch(() => null)) as { detail?: string } | null;
      throw new Error(`${base}${path}: ${res.status} ${problem?.detail ?? res.statusText}`);
    }
    return res;
  };
  const json = async <T>(path: string): Promise<T | null> => {
    const res = await get(path);
    return res ? ((await res.json()) as T) : null;
  };
  return {
    async list(period, limit) {
      const kind = period?.kind ?? 'day';
      const at = period ? `&at=${encodeURIComponent(period.label)}` : '';
      // The API hands out at most 500 entries a page: follow its cursor up to `limit`.
      const items: RemoteEntry[] = [];
      let first: { period: Period | null; total: number } | null = null;
      let cursor: string | null = null;
      do {
        const size = Math.min(limit - items.length, 500);
        const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const body: RemoteList | null = await json<RemoteList>(
          `/api/v1/lists/${kind}?limit=${size}${at}${after}`,
        );
        if (!body) return { period, total: 0, lines: [] };
        first ??= body;
        items.push(...body.items);
        cursor = body.nextCursor;
      } while (cursor && items.length < limit);
      return {
        period: first.period,
        total: first.total,
        lines: items.map((i) => ({
          paper: toPaper(i.paper),
          upvotes: i.upvotes,
          note: i.day,
          entry: {
            day: i.day,
            numComments: i.numComments,
            submitter: i.submitter?.name ?? null,
            featured: i.featured,
          },
        })),
      };
    },
    async trending(limit) {
      const body = await json<{
        items: { paper: RemotePaper; explanation: { text: string; upvotes: number } }[];
      }>(`/api/v1/trending?limit=${Math.min(limit, 100)}`);
      return (body?.items ?? []).map((i) => ({
        paper: toPaper(i.paper),
        upvotes: i.explanation.upvotes,
        note: i.explanation.text,
      }));
    },
    async search(q, limit) {
      const body = await json<{ hits: { paper: RemotePaper }[] }>(
        `/api/v1/search?q=${encodeURIComponent(q)}&limit=${Math.min(limit, 100)}`,
      );
      return (body?.hits ?? []).map((h) => ({
        paper: toPaper(h.paper),
        upvotes: null,
        note: h.paper.listingDate ?? '',
      }));
    },
    async info(id) {
      const body = await json<{ paper: RemotePaper; upvotes: number; numComments: number }>(
        `/api/v1/papers/${id}`,
      );
      return body
        ? { paper: toPaper(body.paper), upvotes: body.upvotes, numComments: body.numComments }
        : null;
    },
    async markdown(id) {
      const res = await get(`/papers/${id}.md`);
      return res ? res.text() : null;
    },
  };
}

type RemotePaper = Omit<Paper, 'codeRepo' | 'versions'> & { codeUrl: string | null };
interface RemoteEntry {
  paper: RemotePaper;
  day: string;
  upvotes: number;
  numComments: number;
  submitter: { name: string } | null;
  featured: boolean;
}

interface RemoteList {
  period: Period | null;
  total: number;
  items: RemoteEntry[];
  nextCursor: string | null;
}

/** The API's paper back into the domain shape the local store gives (code links as `host:owner/name`). */
function toPaper(p: RemotePaper): Paper {
  const hosted = p.codeUrl ? /^https:\/\/(github|gitlab)\.com\/(.+)$/.exec(p.codeUrl) : null;
  return {
    id: p.id,
    version: p.version,
    title: p.title,
    abstract: p.abstract,
    authors: p.authors,
    categories: p.categories,
    publishedAt: p.publishedAt,
    updatedAt: p.updatedAt,
    listingDate: p.listingDate,
    comment: p.comment,
    journalRef: p.journalRef,
    doi: p.doi,
    license: p.license,
    codeRepo: hosted ? `${hosted[1]}:${decodeURI(hosted[2]!)}` : p.codeUrl,
    projectPage: p.projectPage,
    versions: [],
  };
}
