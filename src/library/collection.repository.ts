import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

type Executor = Db['kysely'];

export interface CollectionRow {
  id: number;
  user_id: number;
  owner_name: string;
  name: string;
  description: string;
  visibility: string;
  share_token: string | null;
  paper_count: number | string;
  created_at: string;
  updated_at: string;
}

function selectCollections(db: Executor) {
  return db
    .selectFrom('collections as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select([
      'c.id',
      'c.user_id',
      'u.name as owner_name',
      'c.name',
      'c.description',
      'c.visibility',
      'c.share_token',
      'c.created_at',
      'c.updated_at',
      sql<number>`(select count(*) from collection_papers cp where cp.collection_id = c.id)`.as(
        'paper_count',
      ),
    ]);
}

export async function insertCollection(
  db: Executor,
  row: {
    user_id: number;
    name: string;
    description: string;
    visibility: string;
    share_token: string | null;
    now: string;
  },
): Promise<number> {
  const inserted = await db
    .insertInto('collections')
    .values({
      user_id: row.user_id,
      name: row.name,
      description: row.description,
      visibility: row.visibility,
      share_token: row.share_token,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function updateCollection(
  db: Executor,
  id: number,
  changes: {
    name?: string;
    description?: string;
    visibility?: string;
    share_token?: string | null;
  },
  now: string,
): Promise<void> {
  await db
    .updateTable('collections')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteCollection(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('collection_papers').where('collection_id', '=', id).execute();
  await db
    .deleteFrom('follows')
    .where('kind', '=', 'collection')
    .where('target', '=', String(id))
    .execute();
  await db.deleteFrom('collections').where('id', '=', id).execute();
}

export async function findCollectionById(db: Executor, id: number): Promise<CollectionRow | null> {
  return (await selectCollections(db).where('c.id', '=', id).executeTakeFirst()) ?? null;
}

export async function findCollectionByToken(
  db: Executor,
  token: string,
): Promise<CollectionRow | null> {
  return (
    (await selectCollections(db).where('c.share_token', '=', token).executeTakeFirst()) ?? null
  );
}

export async function findCollectionByName(
  db: Executor,
  userId: number,
  name: string,
): Promise<CollectionRow | null> {
  return (
    (await selectCollections(db)
      .where('c.user_id', '=', userId)
      .where('c.name', '=', name)
      .executeTakeFirst()) ?? null
  );
}

/** A member's collections by name; only the public ones when `publicOnly`. */
export async function listCollections(
  db: Executor,
  userId: number,
  publicOnly = false,
): Promise<CollectionRow[]> {
  let q = selectCollections(db).where('c.user_id', '=', userId);
  if (publicOnly) q = q.where('c.visibility', '=', 'public');
  return q.orderBy('c.name').execute();
}

/** Collections by id (follows of collections). */
export async function collectionsByIds(
  db: Executor,
  ids: readonly number[],
): Promise<CollectionRow[]> {
  if (ids.length === 0) return [];
  return selectCollections(db).where('c.id', 'in', ids.slice(0, 1000)).execute();
}

/** Adds papers to a collection; returns how many were not in it yet. */
export async function addToCollection(
  db: Executor,
  collectionId: number,
  paperIds: readonly string[],
  now: string,
): Promise<number> {
  let added = 0;
  for (let i = 0; i < paperIds.length; i += 500) {
    const result = await db
      .insertInto('collection_papers')
      .values(
        paperIds
          .slice(i, i + 500)
          .map((paper_id) => ({ collection_id: collectionId, paper_id, added_at: now })),
      )
      .onConflict((oc) => oc.columns(['collection_id', 'paper_id']).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

export async function removeFromCollection(
  db: Executor,
  collectionId: number,
  paperId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('collection_papers')
    .where('collection_id', '=', collectionId)
    .where('paper_id', '=', paperId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The papers of a collection, most recently added first. */
export async function collectionPaperIds(
  db: Executor,
  collectionId: number,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('collection_papers')
    .select('paper_id')
    .where('collection_id', '=', collectionId)
    .orderBy('added_at', 'desc')
    .orderBy('paper_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.paper_id);
}

/** Which of a member's collections hold each of these papers. */
export async function collectionsHolding(
  db: Executor,
  userId: number,
  paperIds: readonly string[],
): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (paperIds.length === 0) return out;
  const rows = await db
    .selectFrom('collection_papers as cp')
    .innerJoin('collections as c', 'c.id', 'cp.collection_id')
    .select(['cp.paper_id', 'cp.collection_id'])
    .where('c.user_id', '=', userId)
    .where('cp.paper_id', 'in', paperIds.slice(0, 1000))
    .execute();
  for (const r of rows)
    out.set(r.paper_id, [...(out.get(r.paper_id) ?? []), Number(r.collection_id)]);
  return out;
}
