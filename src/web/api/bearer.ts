import type { Context } from 'hono';
import { authenticateApiToken } from '../../community/api-tokens.ts';
import { hitRateLimit } from '../../community/rate-limit.service.ts';
import type { User } from '../../community/user.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../app.ts';

/** Writes through the API: per token-owner, shared by every instance through the store. */
export const API_WRITE_LIMIT = { name: 'api-write', max: 60, windowSeconds: 60 };

/**
 * The member behind the request's `Authorization: Bearer` personal API token; a missing or
 * invalid token is a 401, and each write counts against the member's API write limit.
 */
export async function requireApiUser(deps: AppDeps, c: Context): Promise<User> {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const user = match ? await authenticateApiToken(deps.db, deps.clock, match[1]!) : null;
  if (!user) {
    c.header('WWW-Authenticate', 'Bearer realm="folio"');
    throw new AppError(
      401,
      'token_required',
      match
        ? 'That API token is unknown or revoked.'
        : 'Send a personal API token as "Authorization: Bearer <token>" (create one at /account/tokens).',
    );
  }
  await hitRateLimit(deps.db, deps.clock, API_WRITE_LIMIT, `user:${user.id}`);
  return user;
}
