/**
 * The "Get trending papers in your email inbox!" banner for list pages. Its form is the banner
 * contract: `POST /subscribe` with the fields `email` and `_csrf` (the page's CSRF token). The
 * subscription starts as daily, trending papers only, in UTC; the confirmation page and the
 * manage link in every message change that.
 */
export function SubscribeBanner({ csrfToken, email = '' }: { csrfToken: string; email?: string }) {
  return (
    <aside class="subscribe-banner" aria-labelledby="subscribe-banner-title">
      <p id="subscribe-banner-title" class="subscribe-banner-title">
        Get trending papers in your email inbox!
      </p>
      <form class="subscribe-banner-form" action="/subscribe" method="post">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <label for="subscribe-banner-email" class="visually-hidden">
          Email address
        </label>
        <input
          id="subscribe-banner-email"
          name="email"
          type="email"
          required
          maxLength={254}
          autocomplete="email"
          placeholder="you@example.org"
          value={email}
        />
        <button type="submit">Subscribe</button>
      </form>
    </aside>
  );
}
