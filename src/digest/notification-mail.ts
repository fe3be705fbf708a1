import type { NotificationKind } from '../library/library.types.ts';
import {
  markMailed,
  unmailedNotifications,
  type UnmailedRow,
} from '../library/notification.repository.ts';
import { inTransaction } from '../papers/paper.repository.ts';
import { mailSite, type DigestDeps } from './digest-deps.ts';
import { digestMessageId } from './mail-headers.ts';
import { insertMemberOutbox } from './outbox.repository.ts';
import { renderNotificationMail } from './render/notification-mail.tsx';

/** Notifications older than this when a round runs are not mailed (the member opted in later). */
const MAIL_WINDOW_MS = 3 * 86_400_000;
/** Notifications read per round. */
const BATCH = 2_000;

/** One line of a notification mail. */
export interface NotificationLine {
  kind: NotificationKind;
  text: string;
  url: string;
}

/** What a notification says in a sentence (plain text; the renderers escape it). */
export function describeNotification(row: {
  kind: string;
  actor_name: string | null;
  paper_title: string | null;
  paper_id: string | null;
  detail: string;
}): string {
  const paper = `“${row.paper_title ?? row.paper_id ?? 'a paper'}”`;
  const who = row.actor_name ?? '[deleted]';
  switch (row.kind) {
    case 'reply':
      return `${who} replied to your comment on ${paper}: ${row.detail}`;
    case 'mention':
      return `${who} mentioned you on ${paper}: ${row.detail}`;
    case 'new_version':
      return `A new version (${row.detail}) of ${paper}, which you saved`;
    default:
      return `${row.detail}, whom you follow, has a new paper: ${paper}`;
  }
}

function lineOf(deps: DigestDeps, row: UnmailedRow): NotificationLine {
  const base = deps.config.baseUrl;
  const paperUrl = row.paper_id ? `${base}/papers/${row.paper_id}` : `${base}/notifications`;
  return {
    kind: row.kind as NotificationKind,
    text: describeNotification(row),
    url: row.comment_id !== null ? `${paperUrl}#comment-${row.comment_id}` : paperUrl,
  };
}

/**
 * Queues one message per member who wants notifications by mail and has new ones, through the
 * digest outbox (and so its at-most-once delivery); the notifications are marked mailed in the
 * same transaction, so a round killed midway queues each of them once or not at all.
 */
export async function queueNotificationMail(deps: DigestDeps): Promise<number> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - MAIL_WINDOW_MS).toISOString();
  const rows = await unmailedNotifications(deps.db.kysely, since, BATCH);
  const byMember = new Map<number, UnmailedRow[]>();
  for (const row of rows) byMember.set(row.user_id, [...(byMember.get(row.user_id) ?? []), row]);
  let queued = 0;
  await inTransaction(deps.db, async (trx) => {
    for (const [userId, list] of byMember) {
      const lastId = Math.max(...list.map((r) => Number(r.id)));
      const periodKey = `notices:${lastId}`;
      const mail = renderNotificationMail(
        list.map((r) => lineOf(deps, r)),
        `${deps.config.baseUrl}/notifications`,
        `${deps.config.baseUrl}/account#notifications`,
      );
      const inserted = await insertMemberOutbox(trx, {
        user_id: userId,
        period_key: periodKey,
        status: 'pending',
        to_address: list[0]!.email,
        message_id: digestMessageId(mailSite(deps), userId, `notices-u${userId}-${lastId}`),
        subject: mail.subject,
        body_html: mail.html,
        body_text: mail.text,
        paper_count: list.length,
        next_attempt_at: now.toISOString(),
        created_at: now.toISOString(),
      });
      if (inserted) queued++;
      await markMailed(
        trx,
        list.map((r) => Number(r.id)),
        now.toISOString(),
      );
    }
  });
  return queued;
}
