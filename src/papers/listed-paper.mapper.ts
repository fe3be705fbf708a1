import type { ListedPaper } from '../domain/listed-paper.ts';
import type { Paper } from '../domain/paper.ts';

/** A paper's list activity as the list queries select it: its daily-list entry and aggregates. */
export interface ListActivityRow {
  entry_day: string | null;
  entry_created: string | null;
  submitted_by: number | null;
  submitter_name: string | null;
  submitter_fullname: string | null;
  submitter_avatar: string | null;
  member_name: string | null;
  featured: number | null;
  github_stars: number | null;
  upvotes: number | string;
  num_comments: number | string;
}

/** A listed paper from its paper, when it was stored, and its list activity. */
export function listedPaperFrom(paper: Paper, storedAt: string, row: ListActivityRow): ListedPaper {
  const name = row.member_name ?? row.submitter_name;
  return {
    paper,
    day: row.entry_day ?? paper.listingDate ?? '',
    addedAt: row.entry_created ?? storedAt,
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
    featured: Boolean(row.featured),
    githubStars: row.github_stars,
  };
}
