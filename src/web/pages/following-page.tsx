import type { Follow } from '../../library/library.types.ts';
import type { FollowedPaper } from '../../library/follow.service.ts';
import { CsrfField } from './csrf-field.tsx';
import { Layout } from './layout.tsx';
import { PaperRow } from './paper-row.tsx';
import { PersonalNav } from './personal-nav.tsx';

const KIND_LABEL = {
  author: 'Author',
  category: 'Category',
  search: 'Search',
  collection: 'Collection',
} as const;

/** What a member follows, their personal feed's addresses, and the newest papers it brings. */
export function FollowingPage(props: {
  follows: Follow[];
  feed: FollowedPaper[];
  saved: ReadonlySet<string>;
  feedUrls: { label: string; href: string }[];
}) {
  return (
    <Layout title="Following">
      <PersonalNav current="following" />
      <h1>Following</h1>
      <div class="library-layout">
        <section aria-labelledby="feed-heading">
          <h2 id="feed-heading">New from what you follow</h2>
          {props.feed.length === 0 ? (
            <p class="muted">
              Follow an author, a category or a search (“Follow this search” on the search page) and
              their newest papers appear here.
            </p>
          ) : (
            props.feed.map((f) => (
              <PaperRow
                paper={f.paper}
                back="/following"
                saved={props.saved.has(f.paper.id)}
                reason={f.reason.charAt(0).toUpperCase() + f.reason.slice(1)}
              />
            ))
          )}
        </section>
        <aside>
          <h2>You follow</h2>
          {props.follows.length === 0 ? <p class="muted">Nothing yet.</p> : null}
          <ul class="follows">
            {props.follows.map((f) => (
              <li>
                <span class="muted">{KIND_LABEL[f.kind]}:</span>{' '}
                {f.kind === 'search' ? (
                  <a href={`/papers?q=${encodeURIComponent(f.target)}`}>{f.label}</a>
                ) : f.kind === 'collection' ? (
                  <a href={`/collections/${f.target}`}>{f.label}</a>
                ) : f.kind === 'category' ? (
                  <a href={`/papers?q=${encodeURIComponent(`cat:${f.target}`)}`}>{f.label}</a>
                ) : (
                  <a href={`/authors/${encodeURIComponent(f.target)}`}>{f.label}</a>
                )}{' '}
                <form method="post" action="/unfollow" class="inline">
                  <CsrfField />
                  <input type="hidden" name="kind" value={f.kind} />
                  <input type="hidden" name="target" value={f.target} />
                  <input type="hidden" name="back" value="/following" />
                  <button type="submit" class="link">
                    Unfollow
                  </button>
                </form>
              </li>
            ))}
          </ul>
          <form method="post" action="/follow" class="stack">
            <CsrfField />
            <input type="hidden" name="back" value="/following" />
            <label for="follow-kind">Follow</label>
            <select id="follow-kind" name="kind">
              <option value="author">an author (name as on papers)</option>
              <option value="category">an arXiv category (e.g. cs.CL)</option>
              <option value="search">a search</option>
            </select>
            <input name="target" maxLength={500} required aria-label="What to follow" />
            <button type="submit">Follow</button>
          </form>
          <h2>Your feed</h2>
          <p class="muted">Private addresses for a feed reader; do not share them.</p>
          <ul>
            {props.feedUrls.map((u) => (
              <li>
                <a href={u.href}>{u.label}</a>
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </Layout>
  );
}
