import type { Child } from 'hono/jsx';

export interface LayoutProps {
  title: string;
  children?: Child;
  /** Feeds offered for this page (autodiscovery). */
  feeds?: { type: string; title: string; href: string }[];
}

/** The page frame shared by every page: landmarks, header with search, and footer. */
export function Layout({ title, children, feeds = [] }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title === 'Folio' ? title : `${title} · Folio`}</title>
        <link rel="stylesheet" href="/static/site.css" />
        {feeds.map((f) => (
          <link rel="alternate" type={f.type} title={f.title} href={f.href} />
        ))}
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
          </nav>
          <form class="search" action="/papers" method="get" role="search">
            <label for="q" class="visually-hidden">
              Search papers
            </label>
            <input id="q" name="q" type="search" placeholder="Search papers" maxLength={500} />
          </form>
        </header>
        <main id="main">{children}</main>
        <footer class="site-footer">
          <p>Folio · paper metadata from arXiv (CC0)</p>
        </footer>
      </body>
    </html>
  );
}
