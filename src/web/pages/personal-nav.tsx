/** Tabs between a member's own pages. */
export function PersonalNav({ current }: { current: 'library' | 'following' | 'for-you' }) {
  const tabs = [
    ['library', '/library', 'Library'],
    ['following', '/following', 'Following'],
    ['for-you', '/for-you', 'For you'],
  ] as const;
  return (
    <nav class="personal-nav" aria-label="Your pages">
      {tabs.map(([key, href, label]) => (
        <a href={href} class="chip" aria-current={key === current ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}
