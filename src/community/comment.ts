/** A member's comment on a paper. */
export interface Comment {
  id: number;
  paperId: string;
  /** The top-level comment this one replies to; null for a top-level comment. */
  parentId: number | null;
  author: { id: number; name: string };
  /** The Markdown source as written. */
  body: string;
  hidden: boolean;
  hiddenReason: string | null;
  createdAt: string;
  editedAt: string | null;
}

/**
 * A top-level comment with its replies, oldest first. `comment` is null when its author deleted
 * it after others replied: the replies stay, under a "[deleted]" marker.
 */
export interface CommentThread {
  id: number;
  createdAt: string;
  comment: Comment | null;
  replies: Comment[];
}

export const COMMENT_MAX = 5_000;
export const HIDE_REASON_MAX = 200;
