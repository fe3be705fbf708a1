import type { Context } from 'hono';
import {
  InvalidPreferenceError,
  parsePreferences,
  timeZoneNames,
  typedPreferences,
} from '../../digest/topics.ts';
import { badRequest } from '../../domain/errors.ts';
import type { AppDeps } from '../app.ts';
import { readForm } from '../middleware/csrf.ts';
import { ManagePage } from '../pages/digest-manage-page.tsx';
import { formInput, html } from './digest-forms.ts';

/** GET /digest/manage?token= — the signed link in every message; no sign-in needed. */
export function managePage(deps: AppDeps) {
  return async (c: Context) => {
    const subscriber = await deps.digest.subscriptions.fromManageToken(c.req.query('token'));
    return html(
      c,
      <ManagePage
        subscriber={subscriber}
        action={deps.digest.subscriptions.managePath(subscriber)}
        timeZones={timeZoneNames()}
        notice={c.req.query('done')}
      />,
    );
  };
}

/** POST /digest/manage?token= — save, pause, resume or unsubscribe (CSRF-checked like every form). */
export function manageAction(deps: AppDeps) {
  return async (c: Context) => {
    const subscriber = await deps.digest.subscriptions.fromManageToken(c.req.query('token'));
    const form = await readForm(c);
    const action = form.action;
    const back = (done: string) =>
      c.redirect(`${deps.digest.subscriptions.managePath(subscriber)}&done=${done}`, 303);
    if (action === 'pause') {
      await deps.digest.subscriptions.pause(subscriber);
      return back('paused');
    }
    if (action === 'resume') {
      await deps.digest.subscriptions.resume(subscriber);
      return back('resumed');
    }
    if (action === 'unsubscribe') {
      await deps.digest.subscriptions.unsubscribe(subscriber);
      return back('unsubscribed');
    }
    if (action !== 'save')
      throw badRequest('bad_action', 'Choose save, pause, resume or unsubscribe.');
    try {
      await deps.digest.subscriptions.updatePreferences(
        subscriber,
        parsePreferences(formInput(form)),
      );
    } catch (error) {
      if (!(error instanceof InvalidPreferenceError)) throw error;
      const page = (
        <ManagePage
          subscriber={{ ...subscriber, ...typedPreferences(formInput(form)) }}
          action={deps.digest.subscriptions.managePath(subscriber)}
          timeZones={timeZoneNames()}
          errors={{ [error.field]: error.message }}
        />
      );
      return html(c, page, 400);
    }
    return back('saved');
  };
}
