import type { ApiTokenRecord, ApiTokenScope } from '../../community/api-tokens.ts';
import { ConfirmButton } from './confirm-action.tsx';
import { CsrfField } from './csrf-field.tsx';
import { Layout } from './layout.tsx';

export interface ApiTokensPageProps {
  tokens: ApiTokenRecord[];
  /** A token just created: shown once, here, and never again. */
  created?: { name: string; token: string; scope: ApiTokenScope };
  /** The member's personal feed addresses (secret). */
  personalFeeds: { label: string; href: string }[];
  error?: string;
}

/** /account/tokens: create and revoke personal API tokens; the personal feed's secret URL. */
export function ApiTokensPage({ tokens, created, personalFeeds, error }: ApiTokensPageProps) {
  return (
    <Layout title="API tokens">
      <h1>API tokens</h1>
      <p class="lede">
        Scripts use a personal token to read your library, or to vote, comment and submit through
        the <a href="/docs">API</a> (<code>Authorization: Bearer …</code>). A read-only token cannot
        change anything. Folio keeps only a hash of each token.
      </p>
      {created && (
        <section class="notice" aria-labelledby="new-token" role="status">
          <h2 id="new-token">
            Your new {SCOPE_LABEL[created.scope].toLowerCase()} token “{created.name}”
          </h2>
          <p>Copy it now: it will not be shown again.</p>
          <p>
            <code class="token">{created.token}</code>
          </p>
        </section>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <form method="post" action="/account/tokens">
        <CsrfField />
        <label for="token-name">Token name</label>
        <input
          id="token-name"
          name="name"
          required
          maxLength={60}
          placeholder="e.g. laptop script"
        />
        <fieldset class="token-scope">
          <legend>It may</legend>
          <label>
            <input type="radio" name="scope" value="read" checked /> read only
          </label>
          <label>
            <input type="radio" name="scope" value="write" /> read and write (vote, comment, submit,
            change your library)
          </label>
        </fieldset>
        <button type="submit">Create token</button>
      </form>
      <h2>Your tokens</h2>
      {tokens.length === 0 ? (
        <p class="empty">No tokens yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scope</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span class="visually-hidden">Revoke</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr>
                <td>{t.name}</td>
                <td>{SCOPE_LABEL[t.scope]}</td>
                <td>{t.createdAt.slice(0, 10)}</td>
                <td>{t.lastUsedAt ? t.lastUsedAt.slice(0, 10) : 'never'}</td>
                <td>
                  <ConfirmButton
                    action={`/account/tokens/${t.id}/revoke`}
                    label="Revoke"
                    ariaLabel={`Revoke ${t.name}`}
                    question="Scripts using this token stop working at once."
                    confirmLabel="Yes, revoke it"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Your personal feed</h2>
      <p>The papers you upvoted, for your feed reader. Keep these addresses private.</p>
      <ul>
        {personalFeeds.map((f) => (
          <li>
            {f.label}: <code>{f.href}</code>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

const SCOPE_LABEL: Record<ApiTokenScope, string> = {
  read: 'Read only',
  write: 'Read and write',
};
