import crypto from 'node:crypto';
import type { ListedPaper, Organization, Submitter } from '../../../domain/listed-paper.ts';
import type { Paper } from '../../../domain/paper.ts';
import { codeUrl } from '../../../citations/markdown.ts';
import type { HfDailyPaper, HfOrganization, HfPaper, HfPaperDetail, HfUser } from './hf.schemas.ts';

/** What the Hugging Face shape needs beyond a paper: list activity and where Folio is served. */
export interface HfContext {
  baseUrl: string;
}

/** Any stored time as ISO-8601 UTC ending in `Z` (the form every HF client parses). */
export function isoZ(
  value: string | null | undefined,
  fallback = '1970-01-01T00:00:00.000Z',
): string {
  if (!value) return fallback;
  const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(time) ? fallback : new Date(time).toISOString();
}

/** A stable 24-hex id (the shape of HF's object ids) derived from a name, so clients may key on it. */
export function objectId(name: string): string {
  return crypto.createHash('md5').update(name).digest('hex').slice(0, 24);
}

/** The flat HF paper object, with what the list entry adds in HF's field names. */
export function hfPaper(
  paper: Paper,
  activity: Omit<Partial<ListedPaper>, 'addedAt'> & { upvotes: number; addedAt?: string | null },
): HfPaper {
  const out: HfPaper = {
    id: paper.id,
    authors: paper.authors.map((name, i) => ({
      _id: objectId(`${paper.id}#${i}`),
      name,
      hidden: false,
    })),
    publishedAt: isoZ(paper.publishedAt ?? paper.listingDate),
    title: paper.title,
    summary: paper.abstract,
    upvotes: activity.upvotes,
    discussionId: objectId(`discussion:${paper.id}`),
  };
  if (activity.addedAt) out.submittedOnDailyAt = isoZ(activity.addedAt);
  const repo = activity.githubRepo ?? (paper.codeRepo ? codeUrl(paper.codeRepo) : null);
  if (repo) out.githubRepo = repo;
  if (typeof activity.githubStars === 'number') out.githubStars = activity.githubStars;
  if (paper.projectPage) out.projectPage = paper.projectPage;
  if (activity.aiSummary) out.ai_summary = activity.aiSummary;
  if (activity.aiKeywords && activity.aiKeywords.length > 0) out.ai_keywords = activity.aiKeywords;
  if (activity.organization) out.organization = hfOrganization(activity.organization);
  return out;
}

/** A Hugging Face organization object (`avatar`, not `avatarUrl`, as HF names it there). */
export function hfOrganization(org: Organization): HfOrganization {
  return {
    _id: objectId(`org:${org.name}`),
    name: org.name,
    fullname: org.fullname ?? org.name,
    ...(org.avatarUrl ? { avatar: org.avatarUrl } : {}),
  };
}

/** Who put a paper on the list, as an HF user object; arXiv's own listing when no one did. */
export function hfUser(submitter: Submitter | null, ctx: HfContext): HfUser {
  const name = submitter?.name ?? 'arxiv';
  return {
    _id: objectId(`user:${name}`),
    avatarUrl: submitter?.avatarUrl ?? `${ctx.baseUrl}/api/avatars/${encodeURIComponent(name)}.svg`,
    fullname: submitter ? (submitter.fullname ?? submitter.name) : 'arXiv listing',
    name,
    // huggingface_hub's User reads the user name from `user` (HF sends both).
    user: name,
    type: 'user',
    isPro: false,
    isHf: false,
    isMod: false,
  };
}

/** One item of /api/daily_papers, and of /api/papers/search (the same shape). */
export function hfDailyPaper(
  listed: ListedPaper & { githubRepo?: string | null },
  ctx: HfContext,
): HfDailyPaper {
  const { paper } = listed;
  const item: HfDailyPaper = {
    paper: hfPaper(paper, { ...listed, addedAt: listed.addedAt }),
    publishedAt: isoZ(listed.addedAt),
    title: paper.title,
    summary: paper.abstract,
    thumbnail: listed.thumbnailUrl ?? `${ctx.baseUrl}/papers/${paper.id}/thumbnail.svg`,
    numComments: listed.numComments,
    submittedBy: hfUser(listed.submitter, ctx),
    isAuthorParticipating: false,
  };
  if (listed.mediaUrls.length > 0) item.mediaUrls = listed.mediaUrls;
  if (listed.organization) item.organization = hfOrganization(listed.organization);
  return item;
}

/** The flat paper with its upvotes and list entry (an item of /api/papers). */
export function hfListedPaper(listed: ListedPaper & { githubRepo: string | null }): HfPaper {
  return hfPaper(listed.paper, {
    ...listed,
    addedAt: listed.submitter || listed.day ? listed.addedAt : null,
  });
}

/** /api/papers/{id}: the flat paper with its list activity at top level. */
export function hfPaperDetail(
  listed: ListedPaper & { githubRepo: string | null },
  ctx: HfContext,
): HfPaperDetail {
  return {
    ...hfListedPaper(listed),
    numComments: listed.numComments,
    ...(listed.submitter ? { submittedOnDailyBy: hfUser(listed.submitter, ctx) } : {}),
  };
}
