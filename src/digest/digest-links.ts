import { mailSite, type DigestDeps } from './digest-deps.ts';
import { manageToken } from './digest-tokens.ts';
import type { Subscriber } from './subscriber.ts';

/** The manage page's path with its signed token, for links and forms within the site. */
export function managePath(
  deps: DigestDeps,
  subscriber: Pick<Subscriber, 'id' | 'manageKey'>,
): string {
  return `/digest/manage?token=${manageToken(deps.secret, subscriber.id, subscriber.manageKey)}`;
}

/** The one-click unsubscribe path with its signed token. */
export function unsubscribePath(
  deps: DigestDeps,
  subscriber: Pick<Subscriber, 'id' | 'manageKey'>,
): string {
  return `/digest/unsubscribe?token=${manageToken(deps.secret, subscriber.id, subscriber.manageKey)}`;
}

/** The signed manage link of a subscriber. */
export function manageUrl(
  deps: DigestDeps,
  subscriber: Pick<Subscriber, 'id' | 'manageKey'>,
): string {
  return `${mailSite(deps).baseUrl}/digest/manage?token=${manageToken(deps.secret, subscriber.id, subscriber.manageKey)}`;
}

/** The signed one-click unsubscribe link of a subscriber (RFC 8058). */
export function unsubscribeUrl(
  deps: DigestDeps,
  subscriber: Pick<Subscriber, 'id' | 'manageKey'>,
): string {
  return `${mailSite(deps).baseUrl}/digest/unsubscribe?token=${manageToken(deps.secret, subscriber.id, subscriber.manageKey)}`;
}
