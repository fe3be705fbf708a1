import type { Context } from 'hono';
import {
  managePath,
  pauseSubscription,
  resumeSubscription,
  subscriberFromManageToken,
  unsubscribe,
  updatePreferences,
} from '../../digest/subscription.service.ts';
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
    const subscriber = await subscriberFromManageToken(deps, c.req.query('token'));
    return html(
      c,
      <ManagePage
        subscriber={subscriber}
        action={managePath(deps, subscriber)}
        timeZones={timeZoneNames()}
        notice={c.req.query('done')}
      />,
    );
  };
}

/** POST /digest/manage?token= — save, pause, resume or unsubscribe (CSRF-checked like every form). */
export function manageAction(deps: AppDeps) {
  return async (c: Context) => {
    const subscriber = await subscriberFromManageToken(deps, c.req.query('token'));
    const form = await readForm(c);
    const action = form.action;
    const back = (done: string) => c.redirect(`${managePath(deps, subscriber)}&done=${done}`, 303);
    if (action === 'pause') {
      await pauseSubscription(deps, subscriber);
      return back('paused');
    }
    if (action === 'resume') {
      await resumeSubscription(deps, subscriber);
      return back('resumed');
    }
    if (action === 'unsubscribe') {
      await unsubscribe(deps, subscriber);
      return back('unsubscribed');
    }
    if (action !== 'save')
      throw badRequest('bad_action', 'Choose save, pause, resume or unsubscribe.');
    try {
      await updatePreferences(deps, subscriber, parsePreferences(formInput(form)));
    } catch (error) {
      if (!(error instanceof InvalidPreferenceError)) throw error;
      const page = (
        <ManagePage
          subscriber={{ ...subscriber, ...typedPreferences(formInput(form)) }}
          action={managePath(deps, subscriber)}
          timeZones={timeZoneNames()}
          errors={{ [error.field]: error.message }}
        />
      );
      return html(c, page, 400);
    }
    return back('saved');
  };
}
