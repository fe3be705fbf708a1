/** How a request is retried: how often, how long to wait between tries, how long one may take. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Wait before the second attempt; doubles for each one after. */
  backoffMs: number;
  /** No single wait is longer than this, whatever Retry-After asks. */
  maxWaitMs: number;
  /** A request (headers and body) taking longer than this is abandoned and retried. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 4,
  backoffMs: 2_000,
  maxWaitMs: 120_000,
  timeoutMs: 60_000,
};

/** True for answers worth trying again: rate-limited or a server-side failure. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * How long to wait before attempt `attempt + 1` (attempt counts from 1): the server's
 * Retry-After (seconds or an HTTP date) when it gives one, else exponential backoff.
 */
export function retryWaitMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfter: string | null,
  now: number = Date.now(),
): number {
  const asked = parseRetryAfter(retryAfter, now);
  const wait = asked ?? policy.backoffMs * 2 ** (attempt - 1);
  return Math.min(Math.max(0, wait), policy.maxWaitMs);
}

/** Retry-After in milliseconds, or null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
