import type { Notification } from '../../library/library.types.ts';
import { CsrfField } from './csrf-field.tsx';
import { Layout } from './layout.tsx';
import { paperPath, userPath } from './paths.ts';

function PaperLink({ n }: { n: Notification }) {
  if (!n.paper) return <>a paper</>;
  const href =
    n.commentId !== null
      ? `${paperPath(n.paper.id)}#comment-${n.commentId}`
      : paperPath(n.paper.id);
  return <a href={href}>{n.paper.title}</a>;
}

function Actor({ name }: { name: string | null }) {
  return name ? <a href={userPath(name)}>{name}</a> : <span class="muted">[deleted]</span>;
}

/** One notification in a sentence; every member-written part is escaped by JSX. */
function NotificationText({ n }: { n: Notification }) {
  switch (n.kind) {
    case 'reply':
      return (
        <>
          <p>
            <Actor name={n.actorName} /> replied to your comment on <PaperLink n={n} />
          </p>
          <p class="quote">{n.detail}</p>
        </>
      );
    case 'mention':
      return (
        <>
          <p>
            <Actor name={n.actorName} /> mentioned you on <PaperLink n={n} />
          </p>
          <p class="quote">{n.detail}</p>
        </>
      );
    case 'new_version':
      return (
        <p>
          A new version ({n.detail}) of <PaperLink n={n} />, which you saved
        </p>
      );
    case 'followed_author':
      return (
        <p>
          <a href={`/authors/${encodeURIComponent(n.detail)}`}>{n.detail}</a>, whom you follow, has
          a new paper: <PaperLink n={n} />
        </p>
      );
  }
}

/** The member's notifications, newest first, with "mark as read". */
export function NotificationsPage(props: { notifications: Notification[]; byMail: boolean }) {
  const unread = props.notifications.filter((n) => !n.read).length;
  return (
    <Layout title="Notifications">
      <section class="narrow">
        <div class="toolbar">
          <h1>Notifications</h1>
          {unread > 0 ? (
            <form method="post" action="/notifications/read" class="inline">
              <CsrfField />
              <input type="hidden" name="all" value="1" />
              <button type="submit">Mark all as read</button>
            </form>
          ) : null}
        </div>
        <p class="muted">
          Replies to your comments, mentions of your name (@name), new versions of papers you saved
          and new papers by authors you follow.{' '}
          {props.byMail ? 'They also come by mail' : 'Get them by mail too'}:{' '}
          <a href="/account#notifications">settings</a>.
        </p>
        {props.notifications.length === 0 ? (
          <p>Nothing yet.</p>
        ) : (
          <ul class="notifications">
            {props.notifications.map((n) => (
              <li class={n.read ? 'read' : 'unread'} id={`notification-${n.id}`}>
                <div>
                  <NotificationText n={n} />
                  <p class="muted">
                    <time datetime={n.createdAt}>{n.createdAt.slice(0, 16).replace('T', ' ')}</time>
                    {n.read ? null : <span class="visually-hidden"> (unread)</span>}
                  </p>
                </div>
                {n.read ? null : (
                  <form method="post" action="/notifications/read" class="inline">
                    <CsrfField />
                    <input type="hidden" name="id" value={String(n.id)} />
                    <button type="submit" class="link">
                      Mark as read
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
