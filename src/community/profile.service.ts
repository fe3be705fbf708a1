import type { Db } from '../db/database.ts';
import { notFound } from '../domain/errors.ts';
import type { Paper } from '../domain/paper.ts';
import { findPapersByIds } from '../papers/paper.repository.ts';
import type { Comment } from './comment.ts';
import { commentsByUser } from './comment.repository.ts';
import { submissionsBy } from './submission.repository.ts';
import { findUserByName } from './user.repository.ts';
import type { User } from './user.ts';
import { votedPaperIds } from './vote.repository.ts';

/** What a member's public page shows. */
export interface Profile {
  user: User;
  upvoted: Paper[];
  comments: (Comment & { paperTitle: string })[];
  submissions: { paper: Paper; day: string }[];
}

/** A member's upvotes, comments and submissions, newest first. */
export async function loadProfile(db: Db, name: string): Promise<Profile> {
  const user = name.length <= 40 ? await findUserByName(db.kysely, name.toLowerCase()) : null;
  if (!user) throw notFound(`There is no member called "${name.slice(0, 40)}".`);
  const [voted, comments, submitted] = await Promise.all([
    votedPaperIds(db.kysely, user.id, 50),
    commentsByUser(db.kysely, user.id, 50),
    submissionsBy(db.kysely, user.id, 50),
  ]);
  const papers = await findPapersByIds(db.kysely, [
    ...new Set([...voted, ...comments.map((c) => c.paperId), ...submitted.map((s) => s.paperId)]),
  ]);
  return {
    user,
    upvoted: voted.flatMap((id) => papers.get(id) ?? []),
    comments: comments.map((c) => ({
      ...c,
      paperTitle: papers.get(c.paperId)?.title ?? c.paperId,
    })),
    submissions: submitted.flatMap((s) => {
      const paper = papers.get(s.paperId);
      return paper ? [{ paper, day: s.day }] : [];
    }),
  };
}
