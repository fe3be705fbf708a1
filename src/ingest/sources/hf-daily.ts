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
    const parsed = parseHfEntry(item, day, index, options);
    if ('reason' in parsed) page.failures.push(parsed);
    else {
      page.records.push(parsed.record);
      page.entries.push(parsed.entry);
    }
  });
  return page;
}

/**
 * One daily-papers item (as the API answers it, or a line of an archive of such answers) as a
 * paper record and its entry on `day` (or, without a day, on the UTC day the item was posted),
 * keeping everything the source says: when it was put on the list, submitter, organization,
 * counts, code, project page, media, and the source's generated summary and keywords.
 */
export function parseHfEntry(
  item: unknown,
  day: string | null,
  index: number,
  options: { invalidUtf8?: boolean } = {},
): { record: PaperRecord; entry: DailyEntry } | ParseFailure {
  const paper = isObject(item) && isObject(item.paper) ? item.paper : null;
  const rawId = paper && typeof paper.id === 'string' ? paper.id : null;
  const label = recordLabel(index, rawId);
  const parsed = rawId ? parseArxivId(rawId) : null;
  if (!isObject(item) || !paper || !parsed)
    return {
      record: label,
      reason: paper ? `invalid arXiv id ${JSON.stringify(rawId)}` : 'no paper object',
    };
  const entryDay = day ?? utcDay(str(item.publishedAt));
  if (!entryDay) return { record: label, reason: 'no day: the entry has no publishedAt' };
  const github = repoFromUrl(str(paper.githubRepo) ?? '');
  const projectPage = httpUrl(str(paper.projectPage));
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
    ...(projectPage ? { projectPage } : {}),
  };
  const refused = refuseReason(record, options.invalidUtf8 ?? false);
  if (refused) return { record: label, reason: refused };
  // Newer answers name the submitter inside the paper too; older ones only at top level.
  const submitter = isObject(item.submittedBy)
    ? item.submittedBy
    : isObject(paper.submittedOnDailyBy)
      ? paper.submittedOnDailyBy
      : {};
  const organization = isObject(item.organization)
    ? item.organization
    : isObject(paper.organization)
      ? paper.organization
      : {};
  const media = [
    ...strings(item.mediaUrls),
    ...strings(paper.mediaUrls),
    ...strings([item.mediaUrl]),
  ].flatMap((url) => httpUrl(absoluteUrl(url)) ?? []);
  return {
    record,
    entry: {
      day: entryDay,
      paperId: parsed.id,
      source: HF_SOURCE,
      // Hugging Face gives the list's day at midnight; older answers say nothing, so say the day.
      listedAt: isoTime(str(paper.submittedOnDailyAt)) ?? `${entryDay}T00:00:00.000Z`,
      submitterName: str(submitter.name),
      submitterFullname: str(submitter.fullname),
      submitterAvatar: absoluteUrl(str(submitter.avatarUrl)),
      organizationName: str(organization.name),
      organizationFullname: str(organization.fullname),
      organizationAvatar: absoluteUrl(str(organization.avatar) ?? str(organization.avatarUrl)),
      sourceUpvotes: count(paper.upvotes),
      sourceComments: count(item.numComments),
      githubRepo: github?.startsWith('github:') ? github : null,
      githubStars: typeof paper.githubStars === 'number' ? count(paper.githubStars) : null,
      projectPage,
      thumbnailUrl: httpUrl(absoluteUrl(str(item.thumbnail))),
      mediaUrls: [...new Set(media)],
      aiSummary: str(paper.ai_summary)?.trim() ?? null,
      aiKeywords: [...new Set(strings(paper.ai_keywords).map((k) => k.trim()))].filter(Boolean),
    },
  };
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

function strings(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    : [];
}

/** Only web addresses are kept: a page renders these as links and images. */
function httpUrl(url: string | null): string | null {
  return url && /^https?:\/\/[^\s]+$/.test(url) ? url : null;
}

function isoTime(value: string | null): string | null {
  const time = value ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? null : new Date(time).toISOString();
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
