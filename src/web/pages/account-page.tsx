import type { User } from '../../community/user.ts';
import { CsrfField } from './csrf-field.tsx';
import { Layout } from './layout.tsx';
import { userPath } from './paths.ts';

/** The member's own settings: address, role, public name. */
export function AccountPage({
  user,
  error,
  saved,
}: {
  user: User;
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
