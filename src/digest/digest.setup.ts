import type { BuildOptions } from './digest-builder.ts';
import type { DeliveryOptions } from './delivery.ts';
import type { DigestDeps } from './digest-deps.ts';
import { managePath, unsubscribePath } from './digest-links.ts';
import type { DigestRunSummary } from './digest-run.ts';
import type { Preferences, Subscriber } from './subscriber.ts';
import type { SubscribeRequest } from './subscription.service.ts';

type Link = Pick<Subscriber, 'id' | 'manageKey'>;

// Loaded on first use: every command builds the services, few of them send or manage digests.
const subscriptions = () => import('./subscription.service.ts');
const rounds = () => import('./digest-run.ts');

/**
 * Email digests with their store, clock, mail, signing secret and topic search bound:
 * subscriptions (the double opt-in and the signed manage links) and the digest rounds.
 */
export function createDigestService(deps: DigestDeps) {
  return {
    subscriptions: {
      /** A subscribe form: sends a confirmation link (or a manage link to a subscriber). */
      request: async (request: SubscribeRequest) =>
        (await subscriptions()).requestSubscription(deps, request),
      /** Uses a confirmation link: the subscription becomes active. */
      confirm: async (token: unknown) => (await subscriptions()).confirmSubscription(deps, token),
      /** The subscriber a signed manage link names (404 when forged or revoked). */
      fromManageToken: async (token: unknown) =>
        (await subscriptions()).subscriberFromManageToken(deps, token),
      updatePreferences: async (subscriber: Subscriber, preferences: Preferences) =>
        (await subscriptions()).updatePreferences(deps, subscriber, preferences),
      pause: async (subscriber: Subscriber) =>
        (await subscriptions()).pauseSubscription(deps, subscriber),
      resume: async (subscriber: Subscriber) =>
        (await subscriptions()).resumeSubscription(deps, subscriber),
      unsubscribe: async (subscriber: Subscriber) =>
        (await subscriptions()).unsubscribe(deps, subscriber),
      /** The manage page's path with its signed token. */
      managePath: (subscriber: Link) => managePath(deps, subscriber),
      /** The one-click unsubscribe path with its signed token. */
      unsubscribePath: (subscriber: Link) => unsubscribePath(deps, subscriber),
    },
    /** One round (queue the due digests, then send the outbox); the caller holds the job lock. */
    runRound: async (options: BuildOptions & DeliveryOptions = {}) =>
      (await rounds()).runDigestRound(deps, options),
    /**
     * One round under the digest job lock, as the schedule runs it: null when another run (in
     * this or another instance) holds the lock, so no outbox is ever sent twice at once.
     */
    runRoundLocked: async (
      options: BuildOptions & DeliveryOptions = {},
    ): Promise<DigestRunSummary | null> => {
      const [{ withJobLock }, { DIGEST_JOB, runDigestRound }] = await Promise.all([
        import('../ops/job-lock.ts'),
        rounds(),
      ]);
      let summary: DigestRunSummary | null = null;
      const ran = await withJobLock(deps.db, DIGEST_JOB, async () => {
        summary = await runDigestRound(deps, options);
      });
      return ran ? summary : null;
    },
    /** Writes the digest a subscriber would get now to .html and .txt files in `outDir`. */
    preview: async (email: string, outDir: string) =>
      (await import('./digest-preview.ts')).previewDigest(deps, email, outDir),
  };
}

export type DigestService = ReturnType<typeof createDigestService>;
