import { sql, type Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DailyEntriesTable } from '../db/schema.ts';

type Executor = Db['kysely'];

/** A paper put on a day's list by a source (Hugging Face) or a member. */
export interface DailyEntry {
  day: string;
  paperId: string;
  source: string;
  submittedBy?: number | null;
  submitterName?: string | null;
  submitterFullname?: string | null;
  submitterAvatar?: string | null;
  sourceUpvotes?: number;
  sourceComments?: number;
  githubRepo?: string | null;
  githubStars?: number | null;
  /** When the source says the paper was put on the day's list. */
  listedAt?: string | null;
  organizationName?: string | null;
  organizationFullname?: string | null;
  organizationAvatar?: string | null;
  projectPage?: string | null;
  thumbnailUrl?: string | null;
  mediaUrls?: readonly string[];
  aiSummary?: string | null;
  aiKeywords?: readonly string[];
}

const KEPT_DETAILS = [
  'listed_at',
  'organization_name',
  'organization_fullname',
  'organization_avatar',
  'project_page',
  'thumbnail_url',
  'media_urls',
  'ai_summary',
  'ai_keywords',
] as const;

/**
 * Adds entries; an entry already on that day keeps its submitter and takes the newer counts
 * (noting when its upvotes changed).
 */
export async function upsertDailyEntries(
  db: Executor,
  entries: readonly DailyEntry[],
  now: string,
): Promise<void> {
  // One statement may not touch a row twice (PostgreSQL refuses): the last entry for a day wins.
  const unique = [...new Map(entries.map((e) => [`${e.day} ${e.paperId}`, e])).values()];
  for (let i = 0; i < unique.length; i += 200) {
    const rows: Insertable<DailyEntriesTable>[] = unique.slice(i, i + 200).map((e) => ({
      day: e.day,
      paper_id: e.paperId,
      source: e.source,
      submitted_by: e.submittedBy ?? null,
      submitter_name: e.submitterName ?? null,
      submitter_fullname: e.submitterFullname ?? null,
      submitter_avatar: e.submitterAvatar ?? null,
      source_upvotes: e.sourceUpvotes ?? 0,
      source_comments: e.sourceComments ?? 0,
      github_repo: e.githubRepo ?? null,
      github_stars: e.githubStars ?? null,
      featured: 0,
      created_at: now,
      listed_at: e.listedAt ?? null,
      organization_name: e.organizationName ?? null,
      organization_fullname: e.organizationFullname ?? null,
      organization_avatar: e.organizationAvatar ?? null,
      project_page: e.projectPage ?? null,
      thumbnail_url: e.thumbnailUrl ?? null,
      media_urls: e.mediaUrls?.length ? JSON.stringify(e.mediaUrls) : null,
      ai_summary: e.aiSummary ?? null,
      ai_keywords: e.aiKeywords?.length ? JSON.stringify(e.aiKeywords) : null,
    }));
    await db
      .insertInto('daily_entries')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['day', 'paper_id']).doUpdateSet((eb) => ({
          source_upvotes: eb.ref('excluded.source_upvotes'),
          // The incremental trending recompute looks for entries whose upvotes moved.
          upvotes_changed_at: sql<string | null>`case
            when daily_entries.source_upvotes <> excluded.source_upvotes then ${now}
            else daily_entries.upvotes_changed_at end`,
          source_comments: eb.ref('excluded.source_comments'),
          github_repo: eb.fn.coalesce('excluded.github_repo', 'daily_entries.github_repo'),
          github_stars: eb.fn.coalesce('excluded.github_stars', 'daily_entries.github_stars'),
          // What a later answer leaves out (older API versions) keeps what an earlier one said.
          ...Object.fromEntries(
            KEPT_DETAILS.map((c) => [c, eb.fn.coalesce(`excluded.${c}`, `daily_entries.${c}`)]),
          ),
        })),
      )
      .execute();
  }
}

/** The list entries of a paper (submitted, featured or imported), earliest day first. */
export async function entryDaysOfPaper(
  db: Db['kysely'],
  paperId: string,
): Promise<
  {
    day: string;
    submittedBy: number | null;
    submitterName: string | null;
    memberName: string | null;
    featured: boolean;
    githubStars: number | null;
  }[]
> {
  const rows = await db
    .selectFrom('daily_entries as e')
    .leftJoin('users as u', 'u.id', 'e.submitted_by')
    .select([
      'e.day',
      'e.submitted_by',
      'e.submitter_name',
      'e.submitter_fullname',
      'u.name as member_name',
      'e.featured',
      'e.github_stars',
    ])
    .where('e.paper_id', '=', paperId)
    .orderBy('e.day', 'asc')
    .execute();
  return rows.map((r) => ({
    day: r.day,
    submittedBy: r.submitted_by,
    submitterName: r.submitter_fullname ?? r.submitter_name,
    memberName: r.member_name,
    featured: Boolean(r.featured),
    githubStars: r.github_stars,
  }));
}
