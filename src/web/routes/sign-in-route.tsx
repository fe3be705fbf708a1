import type { Context } from 'hono';
import { LIMITS } from '../../community/rate-limit.service.ts';
import { SIGN_IN_MINUTES } from '../../community/sign-in.service.ts';
import { normalizeEmail } from '../../community/user.service.ts';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { clientAddress, enforceRateLimit } from '../middleware/rate-limit.ts';
import { setSessionCookie, viewerOf } from '../middleware/session.ts';
import { safeNext } from '../pages/paths.ts';
import { SignInConfirmPage, SignInPage, SignInSentPage } from '../pages/sign-in-page.tsx';
import { sendPage } from './render.ts';

/** GET /sign-in — the email form (members already signed in go to their account). */
export function signInPage() {
  return (c: Context) => {
    if (viewerOf(c)) return c.redirect('/account', 303);
    const next = safeNext(c.req.query('next'), '');
    return sendPage(c, <SignInPage {...(next ? { next } : {})} />);
  };
}

/** POST /sign-in — emails a one-time link; answers the same whether or not the address has an account. */
export function requestSignIn(deps: AppDeps) {
  return async (c: Context) => {
    const form = await readForm(c);
    const typed = typeof form.email === 'string' ? form.email.slice(0, 254) : '';
    const email = normalizeEmail(typed);
    if (!email)
      return sendPage(
        c,
        <SignInPage email={typed} error="Enter an email address, like ada@example.org." />,
        400,
      );
    await enforceRateLimit(deps, LIMITS.signInAddress, clientAddress(c));
    await enforceRateLimit(deps, LIMITS.signInEmail, email);
    // Local use without SMTP: the operator is the reader, and the log is where they look.
    await deps.community.signIn.sendLink(email, (to, link) =>
      deps.logger.info(
        { to, link },
        'no mail server configured: sign-in link written to the outbox',
      ),
    );
    return sendPage(
      c,
      <SignInSentPage
        email={email}
        minutes={SIGN_IN_MINUTES}
        outboxPlace={deps.mailer.outbox?.place ?? null}
      />,
    );
  };
}

/** GET /sign-in/verify?token= — the emailed link: a confirm button (GET never signs in). */
export function confirmSignIn() {
  return (c: Context) => {
    const token = (c.req.query('token') ?? '').slice(0, 100);
    return sendPage(c, <SignInConfirmPage token={token} />);
  };
}

/** POST /sign-in/verify — uses the token once and starts a session. */
export function completeSignIn(deps: AppDeps) {
  return async (c: Context) => {
    const form = await readForm(c);
    const user = await deps.community.signIn.redeem(
      typeof form.token === 'string' ? form.token : '',
    );
    const { token } = await deps.community.sessions.start(user.id);
    setSessionCookie(c, deps, token);
    return c.redirect('/', 303);
  };
}
