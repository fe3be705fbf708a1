import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { PaperRow } from '../../papers/paper.mapper.ts';
import { filterSql } from '../keyword/filter-sql.ts';
import type { SearchFilters } from '../keyword/keyword.types.ts';
import { PAPER_COLUMNS } from '../keyword/pg-keyword.ts';

/** A stored embedding model: its identity, parameters and (for the built-in one) its weights. */
export interface ModelRecord {
  id: string;
  kind: string;
  dims: number;
  params: Record<string, unknown>;
  data: Uint8Array | null;
  status: 'building' | 'active' | 'retired';
}

const toBytes = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

/** A blob as float32s, copied so alignment never depends on the driver's buffer. */
export function toVector(blob: Uint8Array): Float32Array {
  const out = new Float32Array(blob.byteLength / 4);
  new Uint8Array(out.buffer).set(blob);
  return out;
}

export async function findModel(db: Db, id: string): Promise<ModelRecord | null> {
  const row = await db.kysely
    .selectFrom('embedding_models')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? modelFromRow(row) : null;
}

/** The model whose vectors answer queries, if any. */
export async function findActiveModel(db: Db): Promise<ModelRecord | null> {
  const row = await db.kysely
    .selectFrom('embedding_models')
    .selectAll()
    .where('status', '=', 'active')
    .orderBy('activated_at', 'desc')
    .executeTakeFirst();
  return row ? modelFromRow(row) : null;
}

/** The active model without its bytes (see `modelBytes`), or null when there is none. */
export async function findActiveModelInfo(db: Db): Promise<ModelRecord | null> {
  const row = await db.kysely
    .selectFrom('embedding_models')
    .select(['id', 'kind', 'dims', 'params', 'status'])
    .where('status', '=', 'active')
    .orderBy('activated_at', 'desc')
    .executeTakeFirst();
  return row ? modelFromRow({ ...row, data: null }) : null;
}

/** A stored model's bytes (the built-in model's weights), or null. */
export async function modelBytes(db: Db, id: string): Promise<Uint8Array | null> {
  const row = await db.kysely
    .selectFrom('embedding_models')
    .select('data')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.data ?? null;
}

/** The newest built-in model of a kind, active or not (to reuse rather than retrain). */
export async function findLatestModelOfKind(db: Db, kind: string): Promise<ModelRecord | null> {
  const row = await db.kysely
    .selectFrom('embedding_models')
    .selectAll()
    .where('kind', '=', kind)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row ? modelFromRow(row) : null;
}

function modelFromRow(row: {
  id: string;
  kind: string;
  dims: number;
  params: string;
  data: Uint8Array | null;
  status: string;
}): ModelRecord {
  return {
    id: row.id,
    kind: row.kind,
    dims: row.dims,
    params: JSON.parse(row.params) as Record<string, unknown>,
    data: row.data,
    status: row.status as ModelRecord['status'],
  };
}

export async function saveModel(db: Db, model: ModelRecord, now: string): Promise<void> {
  await db.kysely
    .insertInto('embedding_models')
    .values({
      id: model.id,
      kind: model.kind,
      dims: model.dims,
      params: JSON.stringify(model.params),
      data: model.data ? Buffer.from(model.data) : null,
      status: model.status,
      created_at: now,
      activated_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Makes one model the active one; the previous active model is retired (its vectors kept until purged). */
/** Merges values into a model's stored parameters (e.g. its measured similarity floor). */
export async function updateModelParams(
  db: Db,
  id: string,
  values: Record<string, unknown>,
): Promise<void> {
  const row = await db.kysely
    .selectFrom('embedding_models')
    .select('params')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return;
  const params = { ...(JSON.parse(row.params) as Record<string, unknown>), ...values };
  await db.kysely
    .updateTable('embedding_models')
    .set({ params: JSON.stringify(params) })
    .where('id', '=', id)
    .execute();
}

export async function activateModel(db: Db, id: string, now: string): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('embedding_models')
      .set({ status: 'retired' })
      .where('status', '=', 'active')
      .where('id', '<>', id)
      .execute();
    await trx
      .updateTable('embedding_models')
      .set({ status: 'active', activated_at: now })
      .where('id', '=', id)
      .execute();
  });
}

/** Deletes retired models and their vectors. */
export async function purgeRetiredModels(db: Db): Promise<void> {
  await db.kysely.deleteFrom('embedding_models').where('status', '=', 'retired').execute();
}

/** Stores vectors (replacing older ones of the same model); each gets a new sequence number. */
export async function saveVectors(
  db: Db,
  modelId: string,
  pids: number[],
  vectors: Float32Array,
  dims: number,
  now: string,
): Promise<void> {
  const rows = (chunk: number[], at: number) =>
    chunk.map((pid, j) => ({
      pid,
      model_id: modelId,
      vector: toBytes(vectors.subarray((at + j) * dims, (at + j + 1) * dims)),
      created_at: now,
    }));
  await db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < pids.length; i += 500) {
      const chunk = pids.slice(i, i + 500);
      if (db.dialect === 'postgres') {
        // Two writers may embed the same papers at once (the paper listener and the embedding of
        // what has no vector): the later one waits for the earlier and overwrites its rows with a
        // new seq, where a delete-then-insert would fail on the unique (model_id, pid) index.
        await trx
          .insertInto('embeddings')
          .values(rows(chunk, i))
          .onConflict((oc) =>
            oc.columns(['model_id', 'pid']).doUpdateSet({
              vector: (eb) => eb.ref('excluded.vector'),
              created_at: (eb) => eb.ref('excluded.created_at'),
              seq: sql<number>`default`,
            }),
          )
          .execute();
        continue;
      }
      // SQLite writers take turns; a re-embedded paper gets a new seq by a fresh insert.
      await trx
        .deleteFrom('embeddings')
        .where('model_id', '=', modelId)
        .where('pid', 'in', chunk)
        .execute();
      await trx.insertInto('embeddings').values(rows(chunk, i)).execute();
    }
  });
}

/**
 * Seqs and pids of a model's vectors stored after `after` up to `upTo` (a catch-up looks back
 * over these for rows committed after later ones were read).
 */
export async function seqsBetween(
  db: Db,
  modelId: string,
  after: number,
  upTo: number,
): Promise<{ seq: number; pid: number }[]> {
  const rows = await db.kysely
    .selectFrom('embeddings')
    .select(['seq', 'pid'])
    .where('model_id', '=', modelId)
    .where('seq', '>', after)
    .where('seq', '<=', upTo)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), pid: r.pid }));
}

/** The stored vectors of these papers under a model (in no particular order). */
export async function vectorsOf(
  db: Db,
  modelId: string,
  pids: number[],
): Promise<{ seq: number; pid: number; vector: Uint8Array }[]> {
  if (pids.length === 0) return [];
  const rows = await db.kysely
    .selectFrom('embeddings')
    .select(['seq', 'pid', 'vector'])
    .where('model_id', '=', modelId)
    .where('pid', 'in', pids)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), pid: r.pid, vector: r.vector }));
}

/** Vectors of a model stored after sequence number `after`, in order, a page at a time. */
export async function vectorsAfter(
  db: Db,
  modelId: string,
  after: number,
  limit: number,
): Promise<{ seq: number; pid: number; vector: Uint8Array }[]> {
  const rows = await db.kysely
    .selectFrom('embeddings')
    .select(['seq', 'pid', 'vector'])
    .where('model_id', '=', modelId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ seq: Number(r.seq), pid: r.pid, vector: r.vector }));
}

export async function findVector(
  db: Db,
  modelId: string,
  pid: number,
): Promise<Float32Array | null> {
  const row = await db.kysely
    .selectFrom('embeddings')
    .select('vector')
    .where('model_id', '=', modelId)
    .where('pid', '=', pid)
    .executeTakeFirst();
  return row ? toVector(row.vector) : null;
}

/** Papers still without a vector of this model, oldest first, after pid `afterPid`. */
export async function papersWithoutVector(
  db: Db,
  modelId: string,
  limit: number,
  afterPid = 0,
): Promise<{ pid: number; title: string; abstract: string }[]> {
  return db.kysely
    .selectFrom('papers as p')
    .select(['p.pid', 'p.title', 'p.abstract'])
    .where('p.pid', '>', afterPid)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('embeddings as e')
            .select('e.pid')
            .whereRef('e.pid', '=', 'p.pid')
            .where('e.model_id', '=', modelId),
        ),
      ),
    )
    .orderBy('p.pid')
    .limit(limit)
    .execute();
}

/** Titles and abstracts of the newest papers, newest first, a chunk at a time (model training). */
export async function* newestPaperTexts(
  db: Db,
  limit: number,
  chunk: number,
): AsyncGenerator<{ pid: number; title: string; abstract: string }[]> {
  let before: number | null = null;
  for (let left = limit; left > 0;) {
    const below: number | null = before;
    const rows = await db.kysely
      .selectFrom('papers')
      .select(['pid', 'title', 'abstract'])
      .$if(below !== null, (q) => q.where('pid', '<', below!))
      .orderBy('pid', 'desc')
      .limit(Math.min(chunk, left))
      .execute();
    if (rows.length === 0) return;
    left -= rows.length;
    before = Number(rows[rows.length - 1]!.pid);
    yield rows;
  }
}

/** How many vectors a model has, and the highest sequence number among them (0 when none). */
export async function vectorExtent(
  db: Db,
  modelId: string,
): Promise<{ count: number; maxSeq: number }> {
  const row = await db.kysely
    .selectFrom('embeddings')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('seq').as('top')])
    .where('model_id', '=', modelId)
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), maxSeq: Number(row?.top ?? 0) };
}

export async function countWithoutVector(db: Db, modelId: string): Promise<number> {
  const row = await sql<{ n: number }>`
    select (select count(*) from papers) - (select count(*) from embeddings where model_id = ${modelId}) as n`.execute(
    db.kysely,
  );
  return Math.max(0, Number(row.rows[0]?.n ?? 0));
}

/** Pids of papers by arXiv id. */
export async function pidsOf(db: Db, ids: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.kysely
      .selectFrom('papers')
      .select(['id', 'pid'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, r.pid);
  }
  return out;
}

/** Which of these papers pass the filters (in one query; at most a few thousand pids). */
export async function pidsPassing(
  db: Db,
  pids: number[],
  filters: SearchFilters,
): Promise<Set<number>> {
  if (pids.length === 0) return new Set();
  const list = sql.join(pids.map((p) => sql`${p}`));
  const rows = await sql<{ pid: number }>`select p.pid from papers p
    where p.pid in (${list}) and ${filterSql(db.dialect, filters)}`.execute(db.kysely);
  return new Set(rows.rows.map((r) => Number(r.pid)));
}

/** Papers by pid, in the order given (pids no longer stored are left out). */
export async function papersByPids(db: Db, pids: number[]): Promise<PaperRow[]> {
  if (pids.length === 0) return [];
  const columns = db.dialect === 'sqlite' ? sql`p.*` : PAPER_COLUMNS;
  const list = sql.join(pids.map((p) => sql`${p}`));
  const rows =
    await sql<PaperRow>`select ${columns} from papers p where p.pid in (${list})`.execute(
      db.kysely,
    );
  const byPid = new Map(rows.rows.map((r) => [Number(r.pid), r]));
  return pids.map((p) => byPid.get(p)).filter((r): r is PaperRow => r !== undefined);
}
