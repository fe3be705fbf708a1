import type { Db } from '../db/database.ts';
import type { Comment, CommentThread } from './comment.ts';
import { commentsOnPaper, deletedCommentsOnPaper } from './comment.repository.ts';

/**
 * A paper's comments as conversations: top-level comments oldest first, each with its replies
 * oldest first. A deleted comment that still has replies keeps its place as an empty marker.
 */
export async function threadsOnPaper(db: Db, paperId: string): Promise<CommentThread[]> {
  const comments = await commentsOnPaper(db.kysely, paperId);
  const live = new Set(comments.filter((c) => c.parentId === null).map((c) => c.id));
  const orphaned = [
    ...new Set(
      comments.flatMap((c) => (c.parentId !== null && !live.has(c.parentId) ? [c.parentId] : [])),
    ),
  ];
  const deleted = await deletedCommentsOnPaper(db.kysely, paperId, orphaned);
  return groupThreads(comments, deleted);
}

/** Groups comments (oldest first) under their top-level comments or deleted `markers`. */
export function groupThreads(
  comments: Comment[],
  markers: { id: number; createdAt: string }[],
): CommentThread[] {
  const threads = new Map<number, CommentThread>();
  for (const c of comments)
    if (c.parentId === null)
      threads.set(c.id, { id: c.id, createdAt: c.createdAt, comment: c, replies: [] });
  for (const m of markers)
    if (!threads.has(m.id))
      threads.set(m.id, { id: m.id, createdAt: m.createdAt, comment: null, replies: [] });
  for (const c of comments) {
    if (c.parentId === null) continue;
    let thread = threads.get(c.parentId);
    // A parent neither live nor deleted on this paper should not exist; show the reply anyway.
    if (!thread) {
      thread = { id: c.parentId, createdAt: c.createdAt, comment: null, replies: [] };
      threads.set(c.parentId, thread);
    }
    thread.replies.push(c);
  }
  return [...threads.values()].sort((a, b) =>
    a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1,
  );
}
