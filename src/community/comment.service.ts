import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { AppError, badRequest, notFound } from '../domain/errors.ts';
import { cleanComment } from './markdown.ts';
import { findPaper } from '../papers/paper.repository.ts';
import { COMMENT_MAX, HIDE_REASON_MAX, type Comment } from './comment.ts';
import {
  commentsOnPaper,
  findComment,
  insertComment,
  markCommentDeleted,
  setCommentHidden,
  updateCommentBody,
} from './comment.repository.ts';
import { requireActive } from './user.service.ts';
import { canCurate, type User } from './user.ts';

function checkBody(input: unknown): string {
  const body = cleanComment(typeof input === 'string' ? input : '');
  if (body.length === 0) throw badRequest('empty_comment', 'Write something before posting.');
  if (body.length > COMMENT_MAX)
    throw badRequest(
      'comment_too_long',
      `A comment is at most ${COMMENT_MAX.toLocaleString('en')} characters; this one has ${body.length.toLocaleString('en')}.`,
    );
  return body;
}

/** A reply's target as sent: absent or blank for a top-level comment, else a comment id. */
function parseParentId(input: unknown): number | null {
  if (input === undefined || input === null || input === '') return null;
  const text = typeof input === 'number' ? String(input) : typeof input === 'string' ? input : '';
  if (!/^[1-9]\d{0,11}$/.test(text.trim()))
    throw badRequest('bad_parent', 'The comment to reply to must be given by its numeric id.');
  return Number(text.trim());
}

/**
 * The top-level comment a reply attaches to: a reply to a reply joins the same conversation.
 * Deleted, hidden or unknown comments and those on another paper take no replies.
 */
async function replyTarget(db: Db, paperId: string, parentId: number): Promise<number> {
  const parent = await findComment(db.kysely, parentId);
  if (!parent) throw notFound(`There is no comment ${parentId} to reply to.`);
  if (parent.paperId !== paperId)
    throw badRequest('parent_elsewhere', `Comment ${parentId} is on another paper.`);
  const top = parent.parentId === null ? parent : await findComment(db.kysely, parent.parentId);
  if (!top)
    throw badRequest(
      'parent_deleted',
      'The comment that started this conversation was deleted; it takes no more replies.',
    );
  if (parent.hidden || top.hidden)
    throw badRequest('parent_hidden', 'A curator hid that comment; it takes no replies.');
  return top.id;
}

/** Adds a member's comment to a paper, or a reply when `parent` names a comment; returns its id. */
export async function addComment(
  db: Db,
  clock: Clock,
  user: User | null,
  paperId: string,
  body: unknown,
  parent?: unknown,
): Promise<number> {
  const member = requireActive(user);
  const text = checkBody(body);
  const parentId = parseParentId(parent);
  if (!(await findPaper(db.kysely, paperId))) throw notFound(`There is no paper ${paperId} here.`);
  return insertComment(db.kysely, {
    paperId,
    userId: member.id,
    parentId: parentId === null ? null : await replyTarget(db, paperId, parentId),
    body: text,
    now: clock.now().toISOString(),
  });
}

/** A comment its author may change (or a 404/403 that says why not). */
export async function ownComment(db: Db, user: User | null, id: number): Promise<Comment> {
  const member = requireActive(user);
  const comment = await findComment(db.kysely, id);
  if (!comment) throw notFound('There is no such comment.');
  if (comment.author.id !== member.id)
    throw new AppError(403, 'forbidden', 'Only its author can change a comment.');
  return comment;
}

export async function editComment(
  db: Db,
  clock: Clock,
  user: User | null,
  id: number,
  body: unknown,
): Promise<Comment> {
  const comment = await ownComment(db, user, id);
  await updateCommentBody(db.kysely, id, checkBody(body), clock.now().toISOString());
  return comment;
}

export async function deleteComment(
  db: Db,
  clock: Clock,
  user: User | null,
  id: number,
): Promise<Comment> {
  const comment = await ownComment(db, user, id);
  await markCommentDeleted(db.kysely, id, clock.now().toISOString());
  return comment;
}

/** Curators hide (with a reason shown in its place) or restore a comment. */
export async function hideComment(
  db: Db,
  user: User | null,
  id: number,
  hide: boolean,
  reason: unknown,
): Promise<Comment> {
  if (!canCurate(user)) throw new AppError(403, 'forbidden', 'Only curators can hide comments.');
  const comment = await findComment(db.kysely, id);
  if (!comment) throw notFound('There is no such comment.');
  const why = typeof reason === 'string' ? reason.replace(/\s+/g, ' ').trim() : '';
  if (hide && why.length === 0)
    throw badRequest('reason_required', 'Say why the comment is hidden.');
  if (why.length > HIDE_REASON_MAX)
    throw badRequest('reason_too_long', `A reason is at most ${HIDE_REASON_MAX} characters.`);
  await setCommentHidden(db.kysely, id, hide, hide ? why : null);
  return comment;
}

/** A paper's comments and replies that are not hidden, oldest first (deleted ones are never listed). */
export async function visibleComments(db: Db, paperId: string): Promise<Comment[]> {
  return (await commentsOnPaper(db.kysely, paperId)).filter((m) => !m.hidden);
}
