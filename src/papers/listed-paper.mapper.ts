import type { ListedPaper } from '../domain/listed-paper.ts';
import type { Paper } from '../domain/paper.ts';

/** A paper's list activity as the list queries select it: its daily-list entry and aggregates. */
export interface ListActivityRow {
  entry_day: string | null;
  entry_created: string | null;
  entry_listed_at: string | null;
  submitted_by: number | null;
  submitter_name: string | null;
  submitter_fullname: string | null;
  submitter_avatar: string | null;
  member_name: string | null;
  organization_name: string | null;
  organization_fullname: string | null;
  organization_avatar: string | null;
  featured: number | null;
  github_repo: string | null;
  github_stars: number | null;
  thumbnail_url: string | null;
  media_urls: string | null;
  ai_summary: string | null;
  ai_keywords: string | null;
  upvotes: number | string;
  num_comments: number | string;
  /** The paper's extracted key phrases (papers.keywords), when the query selects the paper row. */
  keywords?: string | null;
}

/** The entry columns both list queries select, as `e.<column>`, for a subquery or join aliased `e`. */
export const ENTRY_DETAIL_COLUMNS = [
  'organization_name',
  'organization_fullname',
  'organization_avatar',
  'thumbnail_url',
  'media_urls',
  'ai_summary',
  'ai_keywords',
] as const;

/** A listed paper from its paper, when it was stored, and its list activity. */
export function listedPaperFrom(paper: Paper, storedAt: string, row: ListActivityRow): ListedPaper {
  const name = row.member_name ?? row.submitter_name;
  const aiKeywords = stringArray(row.ai_keywords);
  return {
    paper,
    day: row.entry_day ?? paper.listingDate ?? '',
    addedAt: row.entry_listed_at ?? row.entry_created ?? storedAt,
    submittedOnDailyAt: row.entry_listed_at ?? (row.submitted_by ? row.entry_created : null),
    upvotes: Number(row.upvotes),
    numComments: Number(row.num_comments),
    submitter: name
      ? {
          userId: row.submitted_by,
          name,
          fullname: row.submitter_fullname,
          avatarUrl: row.submitter_avatar,
        }
      : null,
    organization: row.organization_name
      ? {
          name: row.organization_name,
          fullname: row.organization_fullname,
          avatarUrl: row.organization_avatar,
        }
      : null,
    featured: Boolean(row.featured),
    githubRepo: row.github_repo,
    githubStars: row.github_stars === null ? null : Number(row.github_stars),
    thumbnailUrl: row.thumbnail_url,
    mediaUrls: stringArray(row.media_urls),
    aiSummary: row.ai_summary,
    aiKeywords,
    // The source's keywords where it gave some, else the ones extracted from the paper's text.
    keywords: aiKeywords.length > 0 ? [...aiKeywords] : stringArray(row.keywords ?? null),
  };
}

/** A JSON array of strings kept as text; anything else reads as empty. */
function stringArray(text: string | null): string[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
