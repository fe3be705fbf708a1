import type { Paper } from './paper.ts';

/** Who put a paper on a list: a Folio member, or a user named by an imported source. */
export interface Submitter {
  userId: number | null;
  name: string;
  fullname: string | null;
  avatarUrl: string | null;
}

/** A paper as it appears on a daily, weekly or monthly list. */
export interface ListedPaper {
  paper: Paper;
  /** The day it is listed on within the period. */
  day: string;
  /** When it was put on the list (ISO-8601 UTC). */
  addedAt: string;
  /** Folio members' upvotes plus upvotes imported from the source that listed it. */
  upvotes: number;
  numComments: number;
  submitter: Submitter | null;
  featured: boolean;
  githubStars: number | null;
}
