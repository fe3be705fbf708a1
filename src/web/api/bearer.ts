import type { Context, MiddlewareHandler } from 'hono';
import { requireWriteScope } from '../../community/api-tokens.ts';
import { LIMITS } from '../../community/rate-limit.service.ts';
import type { User } from '../../community/user.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../app.ts';

declare module 'hono' {
  interface ContextVariableMap {
    /** The member behind the request's API token (set before a write's body is read). */
    apiUser: User | undefined;
  }
}

/** The member actions the API offers, each under the same limit as on the site. */
export type ApiAction = 'vote' | 'comment' | 'submission';

/** Other writes through the API (library changes): per token-owner, shared by every instance. */
export const API_WRITE_LIMIT = LIMITS.apiWrite;

/**
 * Authenticates API writes from the `Authorization` header alone, before any byte of the body
 * is read: an anonymous or wrongly authenticated write is refused without reading what it sent.
 */
export function apiAuthenticationFirst(deps: AppDeps): MiddlewareHandler {
  return async (c, next) => {
    c.set('apiUser', await authenticate(deps, c));
    await next();
  };
}

/**
 * The member behind the request's `Authorization: Bearer` personal API token (a 401 when it
 * is missing or invalid); the action counts against the member's limit for it, shared with the
 * site (so a comment is a comment, whichever way it arrives).
 */
export async function requireApiUser(deps: AppDeps, c: Context, action?: ApiAction): Promise<User> {
  const user = c.get('apiUser') ?? (await authenticate(deps, c));
  const limit = action ? LIMITS[action] : API_WRITE_LIMIT;
  await deps.community.hitRateLimit(limit, `user:${user.id}`);
  return user;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The token's member; a write (any method but GET, HEAD, OPTIONS) needs a read-and-write token. */
async function authenticate(deps: AppDeps, c: Context): Promise<User> {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const holder = match ? await deps.community.apiTokens.authenticateAccess(match[1]!) : null;
  if (!holder) {
    c.header('WWW-Authenticate', 'Bearer realm="folio"');
    throw new AppError(
      401,
      'token_required',
      match
        ? 'That API token is unknown or revoked.'
        : 'Send a personal API token as "Authorization: Bearer <token>" (create one at /account/tokens).',
    );
  }
  return READS.has(c.req.method) ? holder.user : requireWriteScope(holder);
}
