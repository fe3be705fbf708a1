import { classifySmtpError } from '../mail/smtp-errors.ts';
import { mailSite, type DigestDeps } from './digest-deps.ts';
import { listHeaders } from './mail-headers.ts';
import {
  claimMessage,
  listDeliverable,
  markFailed,
  markRetry,
  markSent,
  resolveAbandoned,
  type OutboxMessage,
} from './outbox.repository.ts';
import { clearBounces, recordBounce } from './subscriber.repository.ts';
import { manageToken } from './digest-tokens.ts';
import { unsubscribeUrl } from './digest-links.ts';

/** Attempts before a message that keeps failing transiently is given up. */
export const MAX_ATTEMPTS = 6;
/** Permanent failures in a row that mark an address as bouncing. */
export const BOUNCE_LIMIT = 3;
const BACKOFF_BASE_MS = 5 * 60_000;
const BACKOFF_MAX_MS = 12 * 3_600_000;
/** Connection failures in a row after which a run stops: the server is down, try later. */
const GIVE_UP_AFTER = 5;

export interface DeliveryOptions {
  /** Messages per second; 0 for no limit. Defaults to the configured rate. */
  rate?: number;
  /** Messages in flight at once (the SMTP pool's connections). */
  concurrency?: number;
}

export interface DeliverySummary {
  sent: number;
  retrying: number;
  failed: number;
  cancelled: number;
  /** Left in `sending` by a run that died: not sent again. */
  uncertain: number;
}

/** The wait before attempt n+1 after n transient failures: 5 min, 10, 20 … up to 12 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends every outbox message that is due, at most once each. The caller holds the digest job
 * lock, so a message found in `sending` was left by a run that died; whether the server took it
 * is unknown and it is marked `uncertain` rather than sent again.
 *
 * Each message is claimed (pending → sending) just before it is handed to the server, and its
 * acceptance recorded as soon as the server answers, so a killed run leaves at most
 * `concurrency` messages uncertain and all the others either sent or still pending.
 */
export async function deliverOutbox(
  deps: DigestDeps,
  options: DeliveryOptions = {},
): Promise<DeliverySummary> {
  const summary: DeliverySummary = { sent: 0, retrying: 0, failed: 0, cancelled: 0, uncertain: 0 };
  summary.uncertain = await resolveAbandoned(
    deps.db.kysely,
    'left in sending by a run that stopped; not sent again',
  );
  if (summary.uncertain > 0)
    deps.logger.warn(
      { messages: summary.uncertain },
      'digests of a stopped run marked uncertain (not re-sent)',
    );
  const rate = options.rate ?? deps.config.mail.rate;
  const concurrency = Math.max(1, options.concurrency ?? (deps.mailer.kind === 'smtp' ? 4 : 1));
  const pace = pacer(rate);
  let connectionFailures = 0;
  let afterId = 0;
  for (;;) {
    const ids = await listDeliverable(deps.db.kysely, deps.clock.now().toISOString(), afterId, 500);
    if (ids.length === 0) break;
    afterId = ids[ids.length - 1]!;
    const subscribers = await loadRecipients(deps, ids);
    let next = 0;
    const worker = async () => {
      while (next < ids.length && connectionFailures < GIVE_UP_AFTER) {
        const id = ids[next++]!;
        await pace();
        const outcome = await deliverOne(deps, id, subscribers);
        if (outcome === 'connection') {
          connectionFailures++;
          summary.retrying++;
        } else {
          if (outcome !== 'skipped') connectionFailures = 0;
          if (outcome === 'sent') summary.sent++;
          else if (outcome === 'retrying') summary.retrying++;
          else if (outcome === 'failed') summary.failed++;
          else if (outcome === 'cancelled') summary.cancelled++;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    if (connectionFailures >= GIVE_UP_AFTER) {
      deps.logger.warn(
        'the mail server is not answering; the rest of the outbox waits for the next run',
      );
      break;
    }
  }
  return summary;
}

type Outcome = 'sent' | 'retrying' | 'connection' | 'failed' | 'cancelled' | 'skipped';
/** Who an outbox message goes to: a digest subscription, or a member (notification mail). */
type Recipient =
  | { kind: 'subscriber'; id: number; status: string; manageKey: string; bounceCount: number }
  | { kind: 'member'; id: number; active: boolean };

async function deliverOne(
  deps: DigestDeps,
  id: number,
  recipients: Map<number, Recipient>,
): Promise<Outcome> {
  const now = () => deps.clock.now().toISOString();
  const message = await claimMessage(deps.db.kysely, id, now());
  if (!message) return 'skipped';
  const recipient = recipients.get(id);
  if (
    !recipient ||
    (recipient.kind === 'subscriber' ? recipient.status !== 'active' : !recipient.active)
  ) {
    // Unsubscribed, paused, bouncing or opted out since the message was built: it is not sent.
    await deps.db.kysely
      .updateTable('digest_outbox')
      .set({ status: 'cancelled' })
      .where('id', '=', id)
      .execute();
    return 'cancelled';
  }
  try {
    const info = await deps.mailer.send(toMail(deps, message, recipient));
    await markSent(deps.db.kysely, id, now(), info.response);
    if (recipient.kind === 'subscriber' && recipient.bounceCount > 0)
      await clearBounces(deps.db.kysely, recipient.id);
    return 'sent';
  } catch (error) {
    const failure = classifySmtpError(error);
    const note = failure.responseCode
      ? `${failure.responseCode} ${failure.message}`
      : failure.message;
    if (failure.kind === 'permanent') {
      await markFailed(deps.db.kysely, id, note);
      if (recipient.kind === 'subscriber') {
        const count = await recordBounce(deps.db.kysely, recipient.id, note, BOUNCE_LIMIT, now());
        if (count >= BOUNCE_LIMIT) recipient.status = 'bouncing';
      }
      deps.logger.warn({ outbox: id, code: failure.responseCode }, 'mail refused permanently');
      return 'failed';
    }
    if (message.attempts >= MAX_ATTEMPTS) {
      await markFailed(deps.db.kysely, id, `gave up after ${message.attempts} attempts: ${note}`);
      return 'failed';
    }
    const retryAt = new Date(
      deps.clock.now().getTime() + backoffMs(message.attempts),
    ).toISOString();
    await markRetry(deps.db.kysely, id, retryAt, note);
    return failure.responseCode === null ? 'connection' : 'retrying';
  }
}

function toMail(deps: DigestDeps, message: OutboxMessage, recipient: Recipient) {
  const headers =
    recipient.kind === 'subscriber'
      ? listHeaders(
          mailSite(deps),
          unsubscribeUrl(deps, recipient),
          manageToken(deps.secret, recipient.id, recipient.manageKey),
        )
      : // Notification mail is switched off on the account page, where the member is signed in.
        {
          'List-Unsubscribe': `<${deps.config.baseUrl}/account#notifications>`,
          'Auto-Submitted': 'auto-generated',
        };
  return {
    to: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
    messageId: message.messageId,
    date: deps.clock.now(),
    headers,
  };
}

/** The recipient of each outbox message, keyed by the message's id. */
async function loadRecipients(
  deps: DigestDeps,
  outboxIds: number[],
): Promise<Map<number, Recipient>> {
  const subscribers = await deps.db.kysely
    .selectFrom('digest_outbox as o')
    .innerJoin('subscribers as s', 's.id', 'o.subscriber_id')
    .select(['o.id as outbox_id', 's.id', 's.status', 's.manage_key', 's.bounce_count'])
    .where('o.id', 'in', outboxIds)
    .execute();
  const members = await deps.db.kysely
    .selectFrom('digest_outbox as o')
    .innerJoin('users as u', 'u.id', 'o.user_id')
    .select(['o.id as outbox_id', 'u.id', 'u.status', 'u.notify_by_mail'])
    .where('o.id', 'in', outboxIds)
    .execute();
  const recipients = new Map<number, Recipient>();
  for (const r of subscribers)
    recipients.set(r.outbox_id, {
      kind: 'subscriber',
      id: r.id,
      status: r.status,
      manageKey: r.manage_key,
      bounceCount: r.bounce_count,
    });
  for (const r of members)
    recipients.set(r.outbox_id, {
      kind: 'member',
      id: r.id,
      active: r.status === 'active' && Number(r.notify_by_mail) === 1,
    });
  return recipients;
}

/** Spaces calls `1/rate` seconds apart across every worker; rate 0 means no spacing. */
function pacer(rate: number): () => Promise<void> {
  if (!(rate > 0)) return async () => undefined;
  const gap = 1000 / rate;
  let next = 0;
  return async () => {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + gap;
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  };
}
