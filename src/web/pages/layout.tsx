import type { Child } from 'hono/jsx';
import { CsrfField } from './csrf-field.tsx';
import { currentSession, currentUnreadCount } from './page-context.ts';

export interface LayoutProps {
  title: string;
  children?: Child;
  /** Feeds offered for this page (autodiscovery). */
  feeds?: { type: string; title: string; href: string }[];
  /** Extra tags for <head> (citation meta, page styles). */
  head?: Child;
  /** Text already in the search box (the search page). */
  query?: string;
}

/** The page frame shared by every page: landmarks, header with search, and footer. */
export function Layout({ title, children, feeds = [], head, query }: LayoutProps) {
  const session = currentSession();
  const unread = session ? currentUnreadCount() : 0;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title === 'Folio' ? title : `${title} · Folio`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48" />
        <link rel="stylesheet" href="/static/site.css" />
        {/* Titles anywhere may hold TeX; KaTeX's fonts load only when a formula uses them. */}
        <link rel="stylesheet" href="/static/katex/katex.min.css" />
        <script src="/static/site.js" defer></script>
        {feeds.map((f) => (
          <link rel="alternate" type={f.type} title={f.title} href={f.href} />
        ))}
        {head}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <a class="brand" href="/">
            Folio
          </a>
          <nav aria-label="Main">
            <a href="/">Daily</a>
            <a href="/papers/trending">Trending</a>
            <a href="/submit">Submit</a>
          </nav>
          <form class="search" action="/papers" method="get" role="search">
            <label for="q" class="visually-hidden">
              Search papers
            </label>
            <input
              id="q"
              name="q"
              type="search"
              placeholder="Search papers (press /)"
              maxLength={500}
              value={query ?? ''}
            />
          </form>
          <nav class="account" aria-label="Account">
            {session ? (
              <>
                <a href={`/users/${session.user.name}`}>{session.user.name}</a>
                <a href="/library">Library</a>
                <a href="/for-you">For you</a>
                <a
                  href="/notifications"
                  aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
                >
                  Notifications
                  {unread > 0 ? (
                    <span class="badge" aria-hidden="true">
                      {unread > 99 ? '99+' : unread}
                    </span>
                  ) : null}
                </a>
                <a href="/account">Account</a>
                <form action="/sign-out" method="post" class="inline">
                  <CsrfField />
                  <button type="submit" class="link">
                    Sign out
                  </button>
                </form>
              </>
            ) : (
              <a href="/sign-in">Sign in</a>
            )}
          </nav>
        </header>
        <main id="main">{children}</main>
        <footer class="site-footer">
          <p>Folio · paper metadata from arXiv (CC0)</p>
        </footer>
      </body>
    </html>
  );
}
