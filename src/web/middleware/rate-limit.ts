import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { hitRateLimit, type RateLimit } from '../../community/rate-limit.service.ts';
import type { AppDeps } from '../app.ts';

/** Counts one action against a limit for this key; throws a 429 with Retry-After when spent. */
export function enforceRateLimit(deps: AppDeps, limit: RateLimit, key: string): Promise<void> {
  return hitRateLimit(deps.db, deps.clock, limit, key);
}

/** The client's address as the socket reports it (requests made in-process have none). */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}
