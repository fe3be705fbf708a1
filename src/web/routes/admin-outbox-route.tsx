import type { Context } from 'hono';
import { AppError, notFound } from '../../domain/errors.ts';
import { redactLinkTokens } from '../../mail/redact-links.ts';
import type { AppDeps } from '../app.ts';
import { AdminOutboxPage } from '../pages/admin-outbox-page.tsx';
import { html } from './digest-forms.ts';

/** Only a signed-in admin passes; everyone else gets a 403 (the page holds subscribers' addresses). */
function requireAdmin(c: Context): void {
  const session = c.get('session');
  if (!session)
    throw new AppError(403, 'admin_only', 'Sign in as an administrator to see the outbox.');
  if (session.user.role !== 'admin')
    throw new AppError(403, 'admin_only', 'Only administrators can see the outbox.');
}

/** GET /admin/outbox — digest delivery by status, recent digests, and the outbox (folder or database). */
export function adminOutboxPage(deps: AppDeps) {
  return async (c: Context) => {
    requireAdmin(c);
    const overview = await deps.ops.outbox();
    const page = (
      <AdminOutboxPage
        mailer={deps.mailer.kind}
        subscribers={overview.subscribers}
        outbox={overview.outbox}
        recent={overview.recent}
        outboxPlace={deps.mailer.outbox?.place ?? null}
        files={deps.mailer.outbox ? await deps.mailer.outbox.list(200) : []}
      />
    );
    c.header('Cache-Control', 'no-store');
    return html(c, page);
  };
}

/** GET /admin/outbox/:file — one message (a file, or one of the database outbox) as plain text, its link tokens redacted. */
export function adminOutboxFile(deps: AppDeps) {
  return async (c: Context) => {
    requireAdmin(c);
    const outbox = deps.mailer.outbox;
    const text = outbox ? await outbox.read(c.req.param('file') ?? '') : null;
    if (text === null) throw notFound('There is no such message in the outbox.');
    c.header('Cache-Control', 'no-store');
    return c.text(redactLinkTokens(text));
  };
}
