import type { Db } from '../../db/database.ts';

type Executor = Db['kysely'];

/** Everything stored about one member, as rows (read for the export). */
export async function readAccountRows(db: Executor, userId: number) {
  const [user, saves, collections, collectionPapers, follows, notInterested, votes, comments] =
    await Promise.all([
      db
        .selectFrom('users')
        .select(['id', 'email', 'name', 'role', 'status', 'created_at', 'last_seen_at'])
        .select('notify_by_mail')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('library_saves as s')
        .innerJoin('papers as p', 'p.id', 's.paper_id')
        .select(['s.paper_id', 'p.title', 's.status', 's.note', 's.created_at', 's.updated_at'])
        .where('s.user_id', '=', userId)
        .orderBy('s.created_at')
        .orderBy('s.paper_id')
        .execute(),
      db
        .selectFrom('collections')
        .select(['id', 'name', 'description', 'visibility', 'created_at', 'updated_at'])
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('collection_papers as cp')
        .innerJoin('collections as c', 'c.id', 'cp.collection_id')
        .select(['cp.collection_id', 'cp.paper_id', 'cp.added_at'])
        .where('c.user_id', '=', userId)
        .orderBy('cp.added_at')
        .orderBy('cp.paper_id')
        .execute(),
      db
        .selectFrom('follows')
        .select(['kind', 'target', 'created_at'])
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('not_interested')
        .select(['paper_id', 'created_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('paper_id')
        .execute(),
      db
        .selectFrom('votes')
        .select(['paper_id', 'created_at'])
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('paper_id')
        .execute(),
      db
        .selectFrom('comments')
        .select([
          'id',
          'paper_id',
          'parent_id',
          'body',
          'hidden',
          'created_at',
          'edited_at',
          'deleted_at',
        ])
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute(),
    ]);
  const [subscriptions, tokens, submissions] = await Promise.all([
    db
      .selectFrom('subscribers')
      .select([
        'email',
        'status',
        'frequency',
        'categories',
        'keywords',
        'query',
        'time_zone',
        'created_at',
        'confirmed_at',
        'unsubscribed_at',
      ])
      .where((eb) => eb.or([eb('user_id', '=', userId), eb('email', '=', user.email)]))
      .orderBy('id')
      .execute(),
    db
      .selectFrom('api_tokens')
      .select(['name', 'scope', 'created_at', 'last_used_at', 'revoked_at'])
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('daily_entries')
      .select(['day', 'paper_id', 'created_at'])
      .where('submitted_by', '=', userId)
      .orderBy('created_at')
      .execute(),
  ]);
  return {
    user,
    saves,
    collections,
    collectionPapers,
    follows,
    notInterested,
    votes,
    comments,
    subscriptions,
    tokens,
    submissions,
  };
}

/**
 * Removes a member's personal data in one transaction and leaves an anonymous, suspended
 * placeholder row, so that conversations keep their shape: every comment is emptied and
 * deleted (those others replied to show as "[deleted]"), votes are removed (counts follow),
 * sessions, sign-in links and API tokens go, and so do the library, follows, notifications,
 * digest subscriptions and queued mail.
 */
export async function erasePersonalData(
  db: Executor,
  user: { id: number; email: string },
  now: string,
  placeholderName: string,
): Promise<void> {
  const id = user.id;
  const collectionIds = (
    await db.selectFrom('collections').select('id').where('user_id', '=', id).execute()
  ).map((r) => String(r.id));
  if (collectionIds.length > 0)
    await db
      .deleteFrom('follows')
      .where('kind', '=', 'collection')
      .where('target', 'in', collectionIds)
      .execute();
  await db
    .updateTable('comments')
    .set({ body: '', deleted_at: now })
    .where('user_id', '=', id)
    .execute();
  // Others' notifications about this member's comments no longer quote them or name them.
  await db
    .updateTable('notifications')
    .set({ actor_id: null, detail: '' })
    .where('actor_id', '=', id)
    .execute();
  for (const table of [
    'votes',
    'sessions',
    'api_tokens',
    'library_saves',
    'collections',
    'follows',
    'not_interested',
    'notifications',
    'digest_outbox',
  ] as const)
    await db.deleteFrom(table).where('user_id', '=', id).execute();
  await db
    .deleteFrom('subscribers')
    .where((eb) => eb.or([eb('user_id', '=', id), eb('email', '=', user.email)]))
    .execute();
  await db.deleteFrom('sign_in_tokens').where('email', '=', user.email).execute();
  await db
    .updateTable('daily_entries')
    .set({ submitted_by: null })
    .where('submitted_by', '=', id)
    .execute();
  await db
    .updateTable('trending_exclusions')
    .set({ excluded_by: null })
    .where('excluded_by', '=', id)
    .execute();
  await db
    .updateTable('users')
    .set({
      email: `deleted-${id}@deleted.invalid`,
      name: placeholderName,
      role: 'member',
      status: 'suspended',
      notify_by_mail: 0,
      last_seen_at: null,
    })
    .where('id', '=', id)
    .execute();
}
