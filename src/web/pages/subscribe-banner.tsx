/** The invitation to the email digest, on every list page. */
export function SubscribeBanner() {
  return (
    <aside class="subscribe-banner" aria-label="Email digest">
      <p>Get trending papers in your email inbox!</p>
      <a class="button" href="/subscribe">
        Subscribe
      </a>
    </aside>
  );
}
