import type { Profile } from '../../community/profile.service.ts';
import { canCurate, isAdmin } from '../../community/user.ts';
import { CommentBody } from './comment-body.tsx';
import { CsrfField } from './csrf-field.tsx';
import { Layout } from './layout.tsx';
import { currentSession } from './page-context.ts';
import { dayPath, paperPath, userPath } from './paths.ts';

/** A member's public page: upvotes, comments and submissions; moderation for curators and admins. */
export function ProfilePage({ profile }: { profile: Profile }) {
  const { user } = profile;
  const viewer = currentSession()?.user;
  return (
    <Layout title={user.name}>
      <header class="profile-header">
        <h1>{user.name}</h1>
        <p class="lede">
          {user.role !== 'member' ? `${user.role} · ` : ''}member since{' '}
          {user.createdAt.slice(0, 10)}
          {user.status === 'suspended' ? ' · suspended' : ''}
        </p>
      </header>
      {canCurate(viewer) && viewer?.id !== user.id ? (
        <section class="curate" aria-label="Moderation">
          <form method="post" action={`${userPath(user.name)}/suspend`} class="inline">
            <CsrfField />
            <input type="hidden" name="suspended" value={user.status === 'suspended' ? '0' : '1'} />
            <button type="submit">
              {user.status === 'suspended' ? 'Restore account' : 'Suspend account'}
            </button>
          </form>
          {isAdmin(viewer) ? (
            <form method="post" action={`${userPath(user.name)}/role`} class="inline">
              <CsrfField />
              <label for="role">Role</label>{' '}
              <select id="role" name="role">
                {(['member', 'curator', 'admin'] as const).map((role) => (
                  <option value={role} selected={role === user.role}>
                    {role}
                  </option>
                ))}
              </select>{' '}
              <button type="submit">Set role</button>
            </form>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="submissions-title">
        <h2 id="submissions-title">Submitted papers ({profile.submissions.length})</h2>
        {profile.submissions.length === 0 ? <p class="muted">None yet.</p> : null}
        <ul class="plain-list">
          {profile.submissions.map((s) => (
            <li>
              <a href={paperPath(s.paper.id)}>{s.paper.title}</a> ·{' '}
              <a href={dayPath(s.day)}>{s.day}</a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="upvotes-title">
        <h2 id="upvotes-title">Upvoted papers ({profile.upvoted.length})</h2>
        {profile.upvoted.length === 0 ? <p class="muted">None yet.</p> : null}
        <ul class="plain-list">
          {profile.upvoted.map((p) => (
            <li>
              <a href={paperPath(p.id)}>{p.title}</a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="comments-title">
        <h2 id="comments-title">Comments ({profile.comments.length})</h2>
        {profile.comments.length === 0 ? <p class="muted">None yet.</p> : null}
        <ol class="comment-list">
          {profile.comments.map((comment) => (
            <li class="comment">
              <p class="comment-meta">
                on{' '}
                <a href={`${paperPath(comment.paperId)}#comment-${comment.id}`}>
                  {comment.paperTitle}
                </a>{' '}
                · {comment.createdAt.slice(0, 10)}
              </p>
              <CommentBody source={comment.body} />
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}
