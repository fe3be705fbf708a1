import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { badRequest } from '../domain/errors.ts';
import type { Paper } from '../domain/paper.ts';
import { findComment } from '../community/comment.repository.ts';
import { inTransaction } from '../papers/paper.repository.ts';
import { requireActive } from '../community/user.service.ts';
import type { User } from '../community/user.ts';
import { followersOf } from './follow.repository.ts';
import type { Notification, NotificationKind } from './library.types.ts';
import {
  activeMembersNamed,
  countUnread,
  insertNotifications,
  listNotifications,
  markRead,
  notifyByMail,
  saversOf,
  setNotifyByMail,
  skipMailing,
  type NewNotification,
  type NotificationRow,
} from './notification.repository.ts';

export interface NotificationDeps {
  db: Db;
  clock: Clock;
}

/** How much of a comment a notification quotes. */
const EXCERPT = 160;
/** A paper counts as new for its followers when its first version is at most this old. */
const NEW_PAPER_DAYS = 30;
/** Most notifications a page or API answer lists. */
export const NOTIFICATION_PAGE = 100;

/**
 * `@name` mentions in a comment, as member names (lower case, as names are). An address such as
 * a@b.org or a word glued to the @ is not a mention.
 */
export function mentionedNames(body: string): string[] {
  const names = new Set<string>();
  for (const m of body.matchAll(/(?<![\w@.])@([A-Za-z0-9][A-Za-z0-9_-]{1,29})(?![\w@-])/g))
    names.add(m[1]!.toLowerCase());
  return [...names];
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
}

/** Notifications: recorded from comments and stored papers, listed, read, and mailed on request. */
export function createNotificationService(deps: NotificationDeps) {
  const { db, clock } = deps;
  const now = () => clock.now().toISOString();

  return {
    /**
     * Tells the author of the comment replied to, and every member mentioned by `@name`, about a
     * new comment; never its own author. `repliedTo` is the comment the reply answered.
     */
    async commentPosted(commentId: number, repliedTo?: unknown): Promise<number> {
      const comment = await findComment(db.kysely, commentId);
      if (!comment) return 0;
      const base = {
        paper_id: comment.paperId,
        comment_id: comment.id,
        actor_id: comment.author.id,
        detail: excerpt(comment.body),
        dedupe_key: `comment:${comment.id}`,
        created_at: now(),
      };
      const rows: NewNotification[] = [];
      const told = new Set<number>([comment.author.id]);
      if (comment.parentId !== null) {
        // The comment answered: the one named (a reply in the same conversation), else its start.
        const named = Number(typeof repliedTo === 'string' ? repliedTo.trim() : repliedTo);
        const parent =
          Number.isSafeInteger(named) && named > 0 ? await findComment(db.kysely, named) : null;
        const answered =
          parent && (parent.id === comment.parentId || parent.parentId === comment.parentId)
            ? parent
            : await findComment(db.kysely, comment.parentId);
        if (answered && !told.has(answered.author.id)) {
          told.add(answered.author.id);
          rows.push({ ...base, user_id: answered.author.id, kind: 'reply' });
        }
      }
      for (const member of await activeMembersNamed(db.kysely, mentionedNames(comment.body))) {
        if (told.has(member.id)) continue;
        told.add(member.id);
        rows.push({ ...base, user_id: member.id, kind: 'mention' });
      }
      return insertNotifications(db.kysely, rows);
    },

    /**
     * A stored-paper listener: members who saved a paper hear of its new arXiv version, and
     * followers of an author hear of the author's new paper.
     */
    async papersStored(
      papers: readonly Paper[],
      change: { previousVersion: ReadonlyMap<string, number> },
    ): Promise<number> {
      const at = now();
      const rows: NewNotification[] = [];
      const newer = papers.filter((p) => {
        const before = change.previousVersion.get(p.id);
        return before !== undefined && p.version > before;
      });
      if (newer.length > 0) {
        const byId = new Map(newer.map((p) => [p.id, p]));
        for (const save of await saversOf(db.kysely, [...byId.keys()])) {
          const paper = byId.get(save.paper_id)!;
          rows.push({
            user_id: save.user_id,
            kind: 'new_version',
            paper_id: paper.id,
            comment_id: null,
            actor_id: null,
            detail: `v${paper.version}`,
            dedupe_key: `version:${paper.id}v${paper.version}`,
            created_at: at,
          });
        }
      }
      const oldest = clock.now().getTime() - NEW_PAPER_DAYS * 86_400_000;
      const fresh = papers.filter(
        (p) =>
          !change.previousVersion.has(p.id) &&
          (p.publishedAt === null || Date.parse(p.publishedAt) >= oldest),
      );
      const byAuthor = new Map<string, Paper[]>();
      for (const p of fresh)
        for (const author of p.authors) {
          const name = author.trim().replace(/\s+/g, ' ');
          byAuthor.set(name, [...(byAuthor.get(name) ?? []), p]);
        }
      const names = [...byAuthor.keys()];
      for (let i = 0; i < names.length; i += 1000)
        for (const follow of await followersOf(db.kysely, 'author', names.slice(i, i + 1000)))
          for (const paper of byAuthor.get(follow.target) ?? [])
            rows.push({
              user_id: follow.user_id,
              kind: 'followed_author',
              paper_id: paper.id,
              comment_id: null,
              actor_id: null,
              detail: follow.target,
              dedupe_key: `author:${paper.id}`,
              created_at: at,
            });
      return rows.length > 0 ? insertNotifications(db.kysely, rows) : 0;
    },

    /** The member's notifications, newest first. */
    async list(user: User | null, options: { unreadOnly?: boolean } = {}): Promise<Notification[]> {
      const member = requireActive(user);
      const rows = await listNotifications(db.kysely, member.id, {
        limit: NOTIFICATION_PAGE,
        unreadOnly: options.unreadOnly === true,
      });
      return rows.map(toNotification);
    },

    /** How many of the member's notifications are unread (the header's count). */
    async unreadCount(user: User | null): Promise<number> {
      return user ? countUnread(db.kysely, user.id) : 0;
    },

    /** Marks the given notifications read, or all of them; returns how many changed. */
    async markRead(user: User | null, ids?: unknown): Promise<number> {
      const member = requireActive(user);
      if (ids === undefined || ids === null || ids === 'all')
        return markRead(db.kysely, member.id, null, now());
      const list = Array.isArray(ids) ? ids : [ids];
      const numbers = list.map((v) => (typeof v === 'string' ? v.trim() : String(v)));
      if (list.length > 1000 || numbers.some((v) => !/^[1-9]\d{0,11}$/.test(v)))
        throw badRequest('bad_ids', 'Notifications are named by their numeric ids.');
      return markRead(db.kysely, member.id, numbers.map(Number), now());
    },

    /** Whether the member gets notifications by mail. */
    async mailPreference(user: User | null): Promise<boolean> {
      return notifyByMail(db.kysely, requireActive(user).id);
    },

    /** Switching mail on sends what comes next, not the notifications already listed. */
    async setMailPreference(user: User | null, on: boolean): Promise<void> {
      const member = requireActive(user);
      await inTransaction(db, async (trx) => {
        if (on && !(await notifyByMail(trx, member.id))) await skipMailing(trx, member.id, now());
        await setNotifyByMail(trx, member.id, on);
      });
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;

function toNotification(row: NotificationRow): Notification {
  return {
    id: Number(row.id),
    kind: row.kind as NotificationKind,
    paper:
      row.paper_id !== null ? { id: row.paper_id, title: row.paper_title ?? row.paper_id } : null,
    commentId: row.comment_id,
    actorName: row.actor_name,
    detail: row.detail,
    createdAt: row.created_at,
    read: row.read_at !== null,
  };
}
