import type { Context } from 'hono';
import { AppError } from '../../domain/errors.ts';
import type { Preferences } from '../../digest/subscriber.ts';
import {
  InvalidPreferenceError,
  parsePreferences,
  timeZoneNames,
  typedPreferences,
} from '../../digest/topics.ts';
import { InvalidAddressError } from '../../mail/address.ts';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { ConfirmPage, SubscribePage, SubscribeSentPage } from '../pages/subscribe-page.tsx';
import { clientKey, formInput, html } from './digest-forms.ts';

const DEFAULTS: Preferences = {
  frequency: 'daily',
  timeZone: 'UTC',
  topics: { categories: [], keywords: [], query: null },
};

/** GET /subscribe — the form, with the signed-in member's address filled in. */
export function subscribePage() {
  return (c: Context) => {
    const email = c.get('session')?.user.email ?? c.req.query('email')?.slice(0, 254) ?? '';
    return html(c, <SubscribePage email={email} values={DEFAULTS} timeZones={timeZoneNames()} />);
  };
}

/**
 * POST /subscribe — from this page's form or the list pages' banner (`email` and `_csrf` only:
 * daily, trending only, UTC, changed later from the manage page). Answers the same whatever the
 * address's state.
 */
export function subscribeAction(deps: AppDeps) {
  return async (c: Context) => {
    const form = await readForm(c);
    const email = typeof form.email === 'string' ? form.email : '';
    const input = formInput(form);
    let preferences: Preferences;
    try {
      preferences = parsePreferences(input);
      await deps.digest.subscriptions.request({
        email,
        preferences,
        userId: c.get('session')?.user.id ?? null,
        client: clientKey(c),
      });
    } catch (error) {
      if (!(error instanceof InvalidAddressError || error instanceof InvalidPreferenceError))
        throw error;
      const values = typedPreferences(input);
      const page = (
        <SubscribePage
          email={email.slice(0, 254)}
          values={values}
          timeZones={timeZoneNames()}
          {...(error instanceof InvalidAddressError
            ? { emailError: error.message }
            : { errors: { [error.field]: error.message } })}
        />
      );
      return html(c, page, 400);
    }
    return html(c, <SubscribeSentPage />);
  };
}

/** GET /subscribe/confirm?token= — a page with one button; the GET itself changes nothing. */
export function confirmPage() {
  return (c: Context) => {
    const token = c.req.query('token');
    if (!token) throw new AppError(400, 'invalid_link', 'This confirmation link is not valid.');
    return html(c, <ConfirmPage token={token.slice(0, 512)} />);
  };
}

/** POST /subscribe/confirm — uses the single-use link, then shows the manage page. */
export function confirmAction(deps: AppDeps) {
  return async (c: Context) => {
    const form = await readForm(c);
    const subscriber = await deps.digest.subscriptions.confirm(form.token);
    return c.redirect(`${deps.digest.subscriptions.managePath(subscriber)}&done=confirmed`, 303);
  };
}
