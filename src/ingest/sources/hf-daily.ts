import { parseArxivId } from '../../domain/arxiv-id.ts';
import { repoFromUrl } from '../../domain/code-links.ts';
import type { PaperRecord } from '../../domain/paper.ts';
import type { DailyEntry } from '../../papers/daily-entry.repository.ts';
import { fetchRemote, type RemoteClient } from '../http/remote-fetch.ts';
import { recordLabel, refuseReason, type ParseFailure } from './record-checks.ts';
import { SourceError } from './source-error.ts';

export const HF_SOURCE = 'huggingface';
const HF_SITE = 'https://huggingface.co';

/** One day of Hugging Face daily papers: the papers, their entries on the day's list, failures. */
export interface HfDailyPage {
  records: PaperRecord[];
  entries: DailyEntry[];
  failures: ParseFailure[];
}

type Json = Record<string, unknown>;

/**
 * Parses a `/api/daily_papers` answer. Each entry gives a paper record and a daily-list entry
 * (submitter, upvotes, comments, code repository) on `day`, or, when no day was asked for, on
 * the UTC day the entry was posted. Fields newer API versions add are read when present.
 */
export function parseHfDailyPapers(
  text: string,
  day: string | null,
  options: { invalidUtf8?: boolean } = {},
): HfDailyPage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const hint = /^\s*</.test(text) ? 'an HTML or XML page' : (error as Error).message;
    throw new SourceError(HF_SOURCE, `the daily papers answer is not JSON (${hint})`);
  }
  if (!Array.isArray(value)) {
    const message = isObject(value) && typeof value.error === 'string' ? `: ${value.error}` : '';
    throw new SourceError(HF_SOURCE, `the daily papers answer is not a list${message}`);
  }
  const page: HfDailyPage = { records: [], entries: [], failures: [] };
  value.forEach((item: unknown, index) => {
    const paper = isObject(item) && isObject(item.paper) ? item.paper : null;
    const rawId = paper && typeof paper.id === 'string' ? paper.id : null;
    const label = recordLabel(index, rawId);
    const parsed = rawId ? parseArxivId(rawId) : null;
    if (!isObject(item) || !paper || !parsed) {
      page.failures.push({
        record: label,
        reason: paper ? `invalid arXiv id ${JSON.stringify(rawId)}` : 'no paper object',
      });
      return;
    }
    const entryDay = day ?? utcDay(str(item.publishedAt));
    if (!entryDay) {
      page.failures.push({ record: label, reason: 'no day: the entry has no publishedAt' });
      return;
    }
    const github = repoFromUrl(str(paper.githubRepo) ?? '');
    const record: PaperRecord = {
      id: parsed.id,
      title: str(paper.title) ?? str(item.title) ?? '',
      abstract: str(paper.summary) ?? '',
      authors: (Array.isArray(paper.authors) ? paper.authors : [])
        .map((a: unknown) => (isObject(a) ? str(a.name) : null))
        .filter((a): a is string => Boolean(a)),
      categories: [],
      publishedAt: str(paper.publishedAt),
      ...(github ? { codeRepo: github } : {}),
      ...(str(paper.projectPage) ? { projectPage: str(paper.projectPage) } : {}),
    };
    const refused = refuseReason(record, options.invalidUtf8 ?? false);
    if (refused) {
      page.failures.push({ record: label, reason: refused });
      return;
    }
    const submitter = isObject(item.submittedBy) ? item.submittedBy : {};
    page.records.push(record);
    page.entries.push({
      day: entryDay,
      paperId: parsed.id,
      source: HF_SOURCE,
      submitterName: str(submitter.name),
      submitterFullname: str(submitter.fullname),
      submitterAvatar: absoluteUrl(str(submitter.avatarUrl)),
      sourceUpvotes: count(paper.upvotes),
      sourceComments: count(item.numComments),
      githubRepo: github?.startsWith('github:') ? github : null,
      githubStars: typeof paper.githubStars === 'number' ? count(paper.githubStars) : null,
    });
  });
  return page;
}

/** The daily papers URL for a day, or for the latest day when none is given. */
export function hfDailyUrl(base: string, day: string | null): string {
  const url = `${base.replace(/\/$/, '')}/daily_papers`;
  return day ? `${url}?date=${day}` : url;
}

/** Fetches and parses one day of daily papers (Hugging Face is not arXiv: no arXiv limiter). */
export async function fetchHfDailyPapers(
  client: RemoteClient,
  base: string,
  day: string | null,
): Promise<HfDailyPage> {
  const url = hfDailyUrl(base, day);
  const response = await fetchRemote(client, HF_SOURCE, url, { accept: 'application/json' });
  if (response.status !== 200)
    throw new SourceError(HF_SOURCE, `${url} answered HTTP ${response.status}`);
  return parseHfDailyPapers(response.body, day, { invalidUtf8: response.invalidUtf8 });
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function utcDay(iso: string | null): string | null {
  const time = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

function absoluteUrl(path: string | null): string | null {
  if (!path) return null;
  if (/^https?:\/\//.test(path)) return path;
  return path.startsWith('/') ? `${HF_SITE}${path}` : null;
}
