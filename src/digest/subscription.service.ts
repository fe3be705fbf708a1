import crypto from 'node:crypto';
import { AppError } from '../domain/errors.ts';
import { normalizeAddress } from '../mail/address.ts';
import { cancelPending } from './outbox.repository.ts';
import { hitRateLimit } from './rate-limit.repository.ts';
import { confirmationMail, manageMail } from './render/notice-mail.tsx';
import { nextDueAt } from './schedule.ts';
import type { DigestDeps } from './digest-deps.ts';
import { manageUrl } from './digest-links.ts';
import { sendNoticeInBackground } from './notice-sender.ts';
import {
  findConfirmation,
  findSubscriberByEmail,
  findSubscriberById,
  insertSubscriber,
  updateSubscriber,
  useConfirmation,
} from './subscriber.repository.ts';
import type { Preferences, Subscriber } from './subscriber.ts';
import { randomKey } from '../security/signing.ts';
import { confirmToken, readConfirmToken, readManageToken } from './digest-tokens.ts';

/** How long a confirmation link works. */
export const CONFIRM_HOURS = 48;
const HOUR = 3_600_000;
/** Subscribe attempts per client per hour, and per address per hour. */
export const SUBSCRIBE_LIMITS = { perClient: 10, perAddress: 3 } as const;

export interface SubscribeRequest {
  email: unknown;
  preferences: Preferences;
  /** The signed-in member, if any. */
  userId?: number | null;
  /** Identifies the client for rate limiting (its address). */
  client: string;
}

/**
 * Handles a subscribe form. Whatever the address's state, it returns the same way: a new or
 * pending address gets a confirmation link, an already subscribed one at most a "manage your
 * subscription" message (once a day), so the answer says nothing about who is subscribed.
 */
export async function requestSubscription(
  deps: DigestDeps,
  request: SubscribeRequest,
): Promise<void> {
  const email = normalizeAddress(request.email);
  const now = deps.clock.now();
  const perClient = await hitRateLimit(
    deps.db,
    `subscribe:client:${request.client}`,
    HOUR,
    SUBSCRIBE_LIMITS.perClient,
    now,
  );
  if (!perClient)
    throw new AppError(
      429,
      'rate_limited',
      'Too many subscribe requests from here; try again in an hour.',
      {
        retryAfter: 3600,
      },
    );
  // Counted by a hash, so the limits table holds no addresses; over the limit nothing is sent.
  const addressKey = crypto.createHash('sha256').update(email).digest('base64url').slice(0, 22);
  if (
    !(await hitRateLimit(
      deps.db,
      `subscribe:address:${addressKey}`,
      HOUR,
      SUBSCRIBE_LIMITS.perAddress,
      now,
    ))
  )
    return;

  const existing = await findSubscriberByEmail(deps.db.kysely, email);
  if (existing && (existing.status === 'active' || existing.status === 'paused')) {
    await sendManageNotice(deps, existing, now);
    return;
  }
  const nonce = randomKey();
  const expiresAt = new Date(now.getTime() + CONFIRM_HOURS * HOUR);
  const iso = now.toISOString();
  const preferenceColumns = {
    frequency: request.preferences.frequency,
    categories: JSON.stringify(request.preferences.topics.categories),
    keywords: JSON.stringify(request.preferences.topics.keywords),
    query: request.preferences.topics.query,
    time_zone: request.preferences.timeZone,
    confirm_nonce: nonce,
    confirm_expires_at: expiresAt.toISOString(),
    updated_at: iso,
  };
  let id = existing?.id ?? null;
  if (existing) {
    // Pending, unsubscribed or bouncing: the new request replaces the old one until confirmed.
    await updateSubscriber(deps.db.kysely, existing.id, {
      ...preferenceColumns,
      status: 'pending',
      next_due_at: null,
      ...(request.userId ? { user_id: request.userId } : {}),
    });
  } else {
    id = await insertSubscriber(deps.db.kysely, {
      ...preferenceColumns,
      email,
      status: 'pending',
      user_id: request.userId ?? null,
      manage_key: randomKey(),
      created_at: iso,
    });
    // Two requests racing for a new address: the other one inserted it and sends its link.
    if (id === null) return;
  }
  const url = `${deps.config.baseUrl}/subscribe/confirm?token=${confirmToken(deps.secret, id!, nonce, expiresAt)}`;
  sendNoticeInBackground(deps, email, confirmationMail(url, CONFIRM_HOURS));
}

async function sendManageNotice(
  deps: DigestDeps,
  subscriber: Subscriber,
  now: Date,
): Promise<void> {
  const row = await deps.db.kysely
    .updateTable('subscribers')
    .set({ manage_mail_at: now.toISOString() })
    .where('id', '=', subscriber.id)
    .where((eb) =>
      eb.or([
        eb('manage_mail_at', 'is', null),
        eb('manage_mail_at', '<', new Date(now.getTime() - 24 * HOUR).toISOString()),
      ]),
    )
    .executeTakeFirst();
  if (Number(row.numUpdatedRows) === 0) return;
  sendNoticeInBackground(deps, subscriber.email, manageMail(manageUrl(deps, subscriber)));
}

/** Uses a confirmation link: the subscription becomes active and its first digest is scheduled. */
export async function confirmSubscription(deps: DigestDeps, token: unknown): Promise<Subscriber> {
  const parsed = readConfirmToken(deps.secret, token);
  if (!parsed) throw new AppError(400, 'invalid_link', 'This confirmation link is not valid.');
  const now = deps.clock.now();
  if (parsed.expiresAt.getTime() < now.getTime())
    throw new AppError(
      410,
      'link_expired',
      'This confirmation link has expired. Subscribe again to get a new one.',
    );
  const subscriber = await findSubscriberById(deps.db.kysely, parsed.subscriberId);
  if (!subscriber) throw new AppError(400, 'invalid_link', 'This confirmation link is not valid.');
  const due = nextDueAt(now, subscriber.frequency, subscriber.timeZone, deps.config.digest);
  const used = await useConfirmation(
    deps.db.kysely,
    subscriber.id,
    parsed.nonce,
    now.toISOString(),
    {
      status: 'active',
      confirmed_at: now.toISOString(),
      updated_at: now.toISOString(),
      next_due_at: due.toISOString(),
      bounce_count: 0,
      last_error: null,
      unsubscribed_at: null,
    },
  );
  if (!used) {
    const state = await findConfirmation(deps.db.kysely, subscriber.id);
    throw new AppError(
      410,
      'link_used',
      state?.nonce && state.nonce !== parsed.nonce
        ? 'A newer confirmation link was sent; use the latest one.'
        : 'This confirmation link was already used.',
    );
  }
  return { ...subscriber, status: 'active', nextDueAt: due.toISOString() };
}

/** The subscriber a manage link names, or a 404 when the link is forged or revoked. */
export async function subscriberFromManageToken(
  deps: DigestDeps,
  token: unknown,
): Promise<Subscriber> {
  const parsed = readManageToken(deps.secret, token);
  const subscriber = parsed ? await findSubscriberById(deps.db.kysely, parsed.subscriberId) : null;
  if (!subscriber || subscriber.manageKey !== parsed?.manageKey)
    throw new AppError(404, 'invalid_link', 'This subscription link is not valid.');
  return subscriber;
}

/** Changes frequency, topics and time zone; an active subscription is rescheduled. */
export async function updatePreferences(
  deps: DigestDeps,
  subscriber: Subscriber,
  preferences: Preferences,
): Promise<void> {
  const now = deps.clock.now();
  await updateSubscriber(deps.db.kysely, subscriber.id, {
    frequency: preferences.frequency,
    categories: JSON.stringify(preferences.topics.categories),
    keywords: JSON.stringify(preferences.topics.keywords),
    query: preferences.topics.query,
    time_zone: preferences.timeZone,
    updated_at: now.toISOString(),
    ...(subscriber.status === 'active'
      ? {
          next_due_at: nextDueAt(
            now,
            preferences.frequency,
            preferences.timeZone,
            deps.config.digest,
          ).toISOString(),
        }
      : {}),
  });
}

/** Stops digests until resumed. */
export async function pauseSubscription(deps: DigestDeps, subscriber: Subscriber): Promise<void> {
  if (subscriber.status !== 'active') return;
  await updateSubscriber(deps.db.kysely, subscriber.id, {
    status: 'paused',
    next_due_at: null,
    updated_at: deps.clock.now().toISOString(),
  });
}

/** Restarts digests for a paused (or bouncing) subscription. */
export async function resumeSubscription(deps: DigestDeps, subscriber: Subscriber): Promise<void> {
  if (subscriber.status !== 'paused' && subscriber.status !== 'bouncing') return;
  const now = deps.clock.now();
  await updateSubscriber(deps.db.kysely, subscriber.id, {
    status: 'active',
    bounce_count: 0,
    next_due_at: nextDueAt(
      now,
      subscriber.frequency,
      subscriber.timeZone,
      deps.config.digest,
    ).toISOString(),
    updated_at: now.toISOString(),
  });
}

/** Unsubscribes; doing it again changes nothing. Queued digests are cancelled. */
export async function unsubscribe(deps: DigestDeps, subscriber: Subscriber): Promise<void> {
  if (subscriber.status !== 'unsubscribed') {
    const now = deps.clock.now().toISOString();
    await updateSubscriber(deps.db.kysely, subscriber.id, {
      status: 'unsubscribed',
      next_due_at: null,
      confirm_nonce: null,
      confirm_expires_at: null,
      unsubscribed_at: now,
      updated_at: now,
    });
  }
  await cancelPending(deps.db.kysely, subscriber.id);
}
