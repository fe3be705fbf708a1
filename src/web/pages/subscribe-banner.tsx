/**
 * The invitation to the email digest, on every list page. A GET form: it carries the address to
 * /subscribe, which asks for the rest and posts with its own CSRF token. Being free of any
 * per-visitor token, the banner can sit on pages served from the shared page cache.
 */
export function SubscribeBanner() {
  return (
    <aside class="subscribe-banner" aria-labelledby="subscribe-banner-title">
      <p id="subscribe-banner-title">Get trending papers in your email inbox!</p>
      <form class="subscribe-banner-form" action="/subscribe" method="get">
        <label for="subscribe-banner-email" class="visually-hidden">
          Email address
        </label>
        <input
          id="subscribe-banner-email"
          name="email"
          type="email"
          maxLength={254}
          autocomplete="email"
          placeholder="you@example.org"
        />
        <button type="submit">Subscribe</button>
      </form>
    </aside>
  );
}
