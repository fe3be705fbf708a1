import { CsrfField } from './csrf-field.tsx';
import { Layout } from './layout.tsx';

/** The sign-in form: an email address, nothing else (no passwords). */
export function SignInPage(props: { email?: string; error?: string; next?: string }) {
  return (
    <Layout title="Sign in">
      <section class="narrow">
        <h1>Sign in</h1>
        <p>
          Folio emails you a link that signs you in. New here? The same link creates your account.
        </p>
        <form method="post" action="/sign-in" class="stack">
          <CsrfField />
          {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
          <label for="email">Email address</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="email"
            required
            maxLength={254}
            value={props.email ?? ''}
            {...(props.error ? { 'aria-invalid': 'true', 'aria-describedby': 'email-error' } : {})}
          />
          {props.error ? (
            <p id="email-error" class="error-text" role="alert">
              {props.error}
            </p>
          ) : null}
          <button type="submit">Email me a sign-in link</button>
        </form>
      </section>
    </Layout>
  );
}

/** What every sign-in request answers, whether or not the address has an account. */
export function SignInSentPage({
  email,
  minutes,
  outboxPlace = null,
}: {
  email: string;
  minutes: number;
  /** Where messages go when no mail server is configured; null when mail is sent. */
  outboxPlace?: string | null;
}) {
  return (
    <Layout title="Check your email">
      <section class="narrow" role="status">
        <h1>Check your email</h1>
        <p>
          If <strong>{email}</strong> can receive mail, a sign-in link is on its way. It works once,
          for {minutes} minutes.
        </p>
        {outboxPlace ? (
          <p class="notice">
            No mail server is configured on this Folio (<code>FOLIO_SMTP_URL</code>), so the message
            was not sent: the operator finds it in <code>{outboxPlace}</code> on the server, and the
            server log prints the link.
          </p>
        ) : (
          <p>
            Nothing arrived? Check the spam folder, or <a href="/sign-in">ask for another link</a>.
          </p>
        )}
      </section>
    </Layout>
  );
}

/** The page an emailed link opens: one button, so that mail scanners following links sign no one in. */
export function SignInConfirmPage({ token }: { token: string }) {
  return (
    <Layout title="Sign in">
      <section class="narrow">
        <h1>Sign in to Folio</h1>
        <form method="post" action="/sign-in/verify">
          <CsrfField />
          <input type="hidden" name="token" value={token} />
          <button type="submit">Sign in</button>
        </form>
      </section>
    </Layout>
  );
}
