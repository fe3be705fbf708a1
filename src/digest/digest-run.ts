import { buildDueDigests, type BuildOptions, type BuildSummary } from './digest-builder.ts';
import { topicSearchOf, type DigestDeps } from './digest-deps.ts';
import { deliverOutbox, type DeliveryOptions, type DeliverySummary } from './delivery.ts';
import { queueNotificationMail } from './notification-mail.ts';

/** The name of the job lock every digest run takes, scheduled or from the CLI. */
export const DIGEST_JOB = 'digest';

export interface DigestRunSummary {
  built: BuildSummary;
  /** Notification messages queued for members who want them by mail. */
  notices: number;
  delivered: DeliverySummary | null;
}

/**
 * One digest round: queue the digests of everyone due, then send what the outbox holds. The
 * caller holds the `digest` job lock (the scheduler does; the CLI takes it).
 */
export async function runDigestRound(
  deps: DigestDeps,
  options: BuildOptions & DeliveryOptions = {},
): Promise<DigestRunSummary> {
  const built = await buildDueDigests(deps, {
    ...options,
    topicSearch: options.topicSearch ?? topicSearchOf(deps),
  });
  if (options.dryRun) return { built, notices: 0, delivered: null };
  const notices = await queueNotificationMail(deps);
  const delivered = await deliverOutbox(deps, options);
  if (built.queued > 0 || notices > 0 || delivered.sent > 0 || delivered.failed > 0)
    deps.logger.info({ built, notices, delivered }, 'digest round finished');
  return { built, notices, delivered };
}
