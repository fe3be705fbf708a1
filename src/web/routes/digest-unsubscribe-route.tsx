import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { UnsubscribePage } from '../pages/digest-manage-page.tsx';
import { html } from './digest-forms.ts';

/** GET /digest/unsubscribe?token= — asks first: link scanners fetch URLs in mail. */
export function unsubscribePage(deps: AppDeps) {
  return async (c: Context) => {
    const subscriber = await deps.digest.subscriptions.fromManageToken(c.req.query('token'));
    return html(
      c,
      <UnsubscribePage
        action={deps.digest.subscriptions.unsubscribePath(subscriber)}
        done={false}
      />,
    );
  };
}

/**
 * POST /digest/unsubscribe?token= — RFC 8058 one-click unsubscribe, and the page's button. The
 * signed token in the URL is the authentication (a mail client's POST can carry no CSRF token),
 * and doing it again changes nothing.
 */
export function unsubscribeAction(deps: AppDeps) {
  return async (c: Context) => {
    const subscriber = await deps.digest.subscriptions.fromManageToken(c.req.query('token'));
    await deps.digest.subscriptions.unsubscribe(subscriber);
    const form = await readForm(c);
    if (form['List-Unsubscribe'] === 'One-Click') return c.text('Unsubscribed.\n');
    return html(
      c,
      <UnsubscribePage
        action={deps.digest.subscriptions.unsubscribePath(subscriber)}
        done={true}
      />,
    );
  };
}
