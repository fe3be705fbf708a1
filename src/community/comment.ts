/** A member's comment on a paper. */
export interface Comment {
  id: number;
  paperId: string;
  author: { id: number; name: string };
  /** The Markdown source as written. */
  body: string;
  hidden: boolean;
  hiddenReason: string | null;
  createdAt: string;
  editedAt: string | null;
}

export const COMMENT_MAX = 5_000;
export const HIDE_REASON_MAX = 200;
