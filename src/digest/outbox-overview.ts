import type { Db } from '../db/database.ts';
import { countOutboxByStatus, listRecentOutbox, type OutboxMessage } from './outbox.repository.ts';
import { countSubscribersByStatus } from './subscriber.repository.ts';

/** A digest in the outbox as the admin page lists it (without its bodies). */
export type OutboxSummary = Omit<OutboxMessage, 'html' | 'text'>;

/** What the admin outbox page shows: subscribers and digests by status, the latest digests. */
export async function outboxOverview(
  db: Db,
  recentLimit = 100,
): Promise<{
  subscribers: Record<string, number>;
  outbox: Record<string, number>;
  recent: OutboxSummary[];
}> {
  const [subscribers, outbox, recent] = await Promise.all([
    countSubscribersByStatus(db.kysely),
    countOutboxByStatus(db.kysely),
    listRecentOutbox(db.kysely, recentLimit),
  ]);
  return { subscribers, outbox, recent };
}

/** Digests in the outbox by delivery status (for metrics). */
export async function outboxCounts(db: Db): Promise<Record<string, number>> {
  return countOutboxByStatus(db.kysely);
}
