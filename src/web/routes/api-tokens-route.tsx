import type { Context } from 'hono';
import type { User } from '../../community/user.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { AppDeps } from '../app.ts';
import { feedPath } from '../feeds/feed-links.ts';
import { personalFeedToken } from '../feeds/personal-feed-token.ts';
import { readForm } from '../middleware/csrf.ts';
import { viewerOf } from '../middleware/session.ts';
import { ApiTokensPage, type ApiTokensPageProps } from '../pages/api-tokens-page.tsx';
import { ConfirmPage, isConfirmed } from '../pages/confirm-action.tsx';
import { signInPath } from '../pages/paths.ts';
import { sendPage } from './render.ts';

/** Lists a member's tokens and personal feeds, with what the last action created or refused. */
async function render(
  deps: AppDeps,
  c: Context,
  user: User,
  extra: { created?: NonNullable<ApiTokensPageProps['created']>; error?: string } = {},
  status: 200 | 400 | 409 = 200,
) {
  const token = personalFeedToken(deps.secret, user.id);
  const personalFeeds = (['rss', 'atom', 'json'] as const).map((format) => ({
    label: format === 'json' ? 'JSON Feed' : format === 'rss' ? 'RSS' : 'Atom',
    href: deps.config.baseUrl + feedPath('personal', format, { token }),
  }));
  const tokens = await deps.community.apiTokens.list(user);
  c.header('Cache-Control', 'no-store');
  return sendPage(
    c,
    <ApiTokensPage tokens={tokens} personalFeeds={personalFeeds} {...extra} />,
    status,
  );
}

/** GET /account/tokens — the member's API tokens and personal feed addresses. */
export function apiTokensPage(deps: AppDeps) {
  return (c: Context) => {
    const user = viewerOf(c);
    if (!user) return c.redirect(signInPath('/account/tokens'), 303);
    return render(deps, c, user);
  };
}

/** POST /account/tokens — creates a token, shown in this response only. */
export function createTokenAction(deps: AppDeps) {
  return async (c: Context) => {
    const form = await readForm(c);
    const user = viewerOf(c);
    if (!user) return c.redirect(signInPath('/account/tokens'), 303);
    try {
      const { token, record } = await deps.community.apiTokens.create(user, form.name, form.scope);
      // Shown in this response only (never in a URL or a redirect), then gone.
      return render(deps, c, user, {
        created: { name: record.name, token, scope: record.scope },
      });
    } catch (error) {
      if (error instanceof AppError && (error.status === 400 || error.status === 409))
        return render(deps, c, user, { error: error.message }, error.status);
      throw error;
    }
  };
}

/** POST /account/tokens/:id/revoke — revokes one of the member's tokens, once confirmed. */
export function revokeTokenAction(deps: AppDeps) {
  return async (c: Context) => {
    const form = await readForm(c);
    const user = viewerOf(c);
    if (!user) return c.redirect(signInPath('/account/tokens'), 303);
    if (!isConfirmed(form)) {
      // Asked without the confirmation: ask, and change nothing.
      const id = Number(c.req.param('id'));
      const token = (await deps.community.apiTokens.list(user)).find((t) => t.id === id);
      if (!token) throw notFound('You have no such token.');
      c.header('Cache-Control', 'no-store');
      return sendPage(
        c,
        <ConfirmPage
          title="Revoke token"
          action={`/account/tokens/${token.id}/revoke`}
          label="Revoke"
          question={`Revoke the token "${token.name}"? Scripts using it stop working at once.`}
          confirmLabel="Yes, revoke it"
          back="/account/tokens"
        />,
      );
    }
    await deps.community.apiTokens.revoke(user, Number(c.req.param('id')));
    return c.redirect('/account/tokens', 303);
  };
}
