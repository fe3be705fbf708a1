import type { User } from '../../community/user.ts';
import { CsrfField } from './csrf-field.tsx';
import { Layout } from './layout.tsx';
import { userPath } from './paths.ts';

/** The member's own settings: address, role, public name. */
export function AccountPage({
  user,
  byMail,
  error,
  deleteError,
  saved,
}: {
  user: User;
  byMail: boolean;
  error?: string;
  /** Why the account was not deleted (the confirmation did not match). */
  deleteError?: string;
  saved?: boolean;
}) {
  return (
    <Layout title="Your account">
      <section class="narrow">
        <h1>Your account</h1>
        {saved ? (
          <p class="notice" role="status">
            Saved.
          </p>
        ) : null}
        <dl class="facts">
          <dt>Email</dt>
          <dd>{user.email}</dd>
          <dt>Role</dt>
          <dd>{user.role}</dd>
          <dt>Member since</dt>
          <dd>{user.createdAt.slice(0, 10)}</dd>
          <dt>Public page</dt>
          <dd>
            <a href={userPath(user.name)}>{userPath(user.name)}</a>
          </dd>
        </dl>
        <form method="post" action="/account" class="stack">
          <CsrfField />
          <label for="name">Public name</label>
          <input
            id="name"
            name="name"
            value={user.name}
            required
            maxLength={30}
            pattern="[a-z0-9][a-z0-9_\-]{1,29}"
            aria-describedby="name-hint"
            {...(error ? { 'aria-invalid': 'true' } : {})}
          />
          <p id="name-hint" class="hint">
            2–30 characters: a–z, 0–9, "_" or "-".
          </p>
          {error ? (
            <p class="error-text" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit">Save</button>
        </form>
        <h2 id="notifications">Notifications</h2>
        <form method="post" action="/account/notifications" class="stack">
          <CsrfField />
          <label class="check">
            <input type="checkbox" name="by_mail" value="1" checked={byMail} />
            <span>
              Also send my <a href="/notifications">notifications</a> by mail (replies, mentions,
              new versions of saved papers, new papers by followed authors)
            </span>
          </label>
          <button type="submit">Save notification setting</button>
        </form>
        <ul class="account-links">
          <li>
            <a href="/account/tokens">API tokens and your personal feed</a>
          </li>
          <li>
            <a href="/subscribe">Email digest of trending papers</a> (your address is filled in)
          </li>
        </ul>
        <h2 id="your-data">Your data</h2>
        <p>
          <a href="/account/export.json" download>
            Download everything (JSON)
          </a>
          : your profile, saved papers and notes, collections, follows, votes, comments,
          submissions, digest subscriptions and API tokens (names and dates, never the secrets).
        </p>
        <section class="danger" aria-labelledby="delete-heading">
          <h3 id="delete-heading">Delete your account</h3>
          <p>
            This removes your library, collections, follows, votes, notifications, digest
            subscriptions, sessions and API tokens at once. Your comments are emptied; where others
            replied they show as “[deleted]”. It cannot be undone.
          </p>
          <form method="post" action="/account/delete" class="stack">
            <CsrfField />
            <label for="confirm">Type your name ({user.name}) to confirm</label>
            <input
              id="confirm"
              name="confirm"
              required
              autocomplete="off"
              maxLength={30}
              {...(deleteError ? { 'aria-invalid': 'true' } : {})}
            />
            {deleteError ? (
              <p class="error-text" role="alert">
                {deleteError}
              </p>
            ) : null}
            <button type="submit" class="danger-button">
              Delete my account
            </button>
          </form>
        </section>
      </section>
    </Layout>
  );
}
