import type { User } from '../../community/user.ts';
import { CsrfField } from './csrf-field.tsx';
import { Layout } from './layout.tsx';
import { userPath } from './paths.ts';

/** The member's own settings: address, role, public name. */
export function AccountPage({
  user,
  byMail,
  error,
  saved,
}: {
  user: User;
  byMail: boolean;
  error?: string;
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
          <label>
            <input type="checkbox" name="by_mail" value="1" checked={byMail} /> Also send my{' '}
            <a href="/notifications">notifications</a> by mail (replies, mentions, new versions of
            saved papers, new papers by followed authors)
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
      </section>
    </Layout>
  );
}
