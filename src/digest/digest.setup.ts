import { withJobLock } from '../ops/job-lock.ts';
import type { BuildOptions } from './digest-builder.ts';
import type { DeliveryOptions } from './delivery.ts';
import type { DigestDeps } from './digest-deps.ts';
import { previewDigest } from './digest-preview.ts';
import { DIGEST_JOB, runDigestRound, type DigestRunSummary } from './digest-run.ts';
import type { Preferences, Subscriber } from './subscriber.ts';
import {
  confirmSubscription,
  managePath,
  pauseSubscription,
  requestSubscription,
  resumeSubscription,
  subscriberFromManageToken,
  unsubscribe,
  unsubscribePath,
  updatePreferences,
  type SubscribeRequest,
} from './subscription.service.ts';

type Link = Pick<Subscriber, 'id' | 'manageKey'>;

/**
 * Email digests with their store, clock, mail, signing secret and topic search bound:
 * subscriptions (the double opt-in and the signed manage links) and the digest rounds.
 */
export function createDigestService(deps: DigestDeps) {
  return {
    subscriptions: {
      /** A subscribe form: sends a confirmation link (or a manage link to a subscriber). */
      request: (request: SubscribeRequest) => requestSubscription(deps, request),
      /** Uses a confirmation link: the subscription becomes active. */
      confirm: (token: unknown) => confirmSubscription(deps, token),
      /** The subscriber a signed manage link names (404 when forged or revoked). */
      fromManageToken: (token: unknown) => subscriberFromManageToken(deps, token),
      updatePreferences: (subscriber: Subscriber, preferences: Preferences) =>
        updatePreferences(deps, subscriber, preferences),
      pause: (subscriber: Subscriber) => pauseSubscription(deps, subscriber),
      resume: (subscriber: Subscriber) => resumeSubscription(deps, subscriber),
      unsubscribe: (subscriber: Subscriber) => unsubscribe(deps, subscriber),
      /** The manage page's path with its signed token. */
      managePath: (subscriber: Link) => managePath(deps, subscriber),
      /** The one-click unsubscribe path with its signed token. */
      unsubscribePath: (subscriber: Link) => unsubscribePath(deps, subscriber),
    },
    /** One round (queue the due digests, then send the outbox); the caller holds the job lock. */
    runRound: (options: BuildOptions & DeliveryOptions = {}) => runDigestRound(deps, options),
    /**
     * One round under the digest job lock, as the schedule runs it: null when another run (in
     * this or another instance) holds the lock, so no outbox is ever sent twice at once.
     */
    runRoundLocked: async (
      options: BuildOptions & DeliveryOptions = {},
    ): Promise<DigestRunSummary | null> => {
      let summary: DigestRunSummary | null = null;
      const ran = await withJobLock(deps.db, DIGEST_JOB, async () => {
        summary = await runDigestRound(deps, options);
      });
      return ran ? summary : null;
    },
    /** Writes the digest a subscriber would get now to .html and .txt files in `outDir`. */
    preview: (email: string, outDir: string) => previewDigest(deps, email, outDir),
  };
}

export type DigestService = ReturnType<typeof createDigestService>;
