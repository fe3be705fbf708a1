import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type RateLimit } from '../../community/rate-limit.service.ts';
import type { AppDeps } from '../app.ts';

/** Counts one action against a limit for this key; throws a 429 with Retry-After when spent. */
export function enforceRateLimit(deps: AppDeps, limit: RateLimit, key: string): Promise<void> {
  return deps.community.hitRateLimit(limit, key);
}

/** The client's address: the socket's, or what the trusted proxy reports (FOLIO_TRUSTED_PROXY). */
export function clientAddress(c: Context): string {
  const known = c.get('clientAddress');
  if (known) return known;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}
