import { feedLinksFor, feedPath } from '../feeds/feed-links.ts';
import { Layout } from './layout.tsx';
import { Pager } from './pager.tsx';
import { PaperCard, type ListItem } from './paper-card.tsx';
import { authorPath } from './paths.ts';
import { FollowButton } from './follow-button.tsx';

export const AUTHOR_PAGE_SIZE = 30;

/** An author's papers in this store, newest first, with the feed that follows them. */
export function AuthorPage(props: {
  name: string;
  page: number;
  total: number;
  feedQuery: string;
  items: ListItem[];
  /** The signed-in member follows this author. */
  following?: boolean;
}) {
  const base = authorPath(props.name);
  const back = props.page > 1 ? `${base}?page=${props.page}` : base;
  const pages = Math.max(1, Math.ceil(props.total / AUTHOR_PAGE_SIZE));
  return (
    <Layout title={props.name} feeds={feedLinksFor('search', { q: props.feedQuery })}>
      <header class="list-header">
        <h1>{props.name}</h1>
        <FollowButton
          kind="author"
          target={props.name}
          following={props.following ?? false}
          back={back}
          label="Follow this author"
        />
        <p class="when">
          {props.total.toLocaleString('en')} paper{props.total === 1 ? '' : 's'} in this store,
          newest first · <a href={feedPath('search', 'rss', { q: props.feedQuery })}>RSS feed</a>
        </p>
      </header>
      {props.items.length === 0 ? (
        <p class="empty">
          {props.total > 0 ? (
            <>
              There is no page {props.page}: {props.name} has {papersCount(props.total)} on {pages}{' '}
              page{pages === 1 ? '' : 's'}.{' '}
              <a href={authorPath(props.name)}>Go to the first page</a>.
            </>
          ) : (
            `No papers by ${props.name} are in this store.`
          )}
        </p>
      ) : (
        <ol class="paper-list" start={(props.page - 1) * AUTHOR_PAGE_SIZE + 1}>
          {props.items.map((item) => (
            <li>
              <PaperCard item={item} back={back} />
            </li>
          ))}
        </ol>
      )}
      <Pager basePath={base} page={props.page} pageSize={AUTHOR_PAGE_SIZE} total={props.total} />
    </Layout>
  );
}

const papersCount = (n: number) => `${n.toLocaleString('en')} paper${n === 1 ? '' : 's'}`;
