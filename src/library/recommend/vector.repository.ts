import type { Db } from '../../db/database.ts';

/**
 * Read-only access to the vectors search stores (embeddings of the active model), so
 * recommendations use the same embedder as semantic search, built-in or OpenAI-compatible.
 */

/** The active embedding model's id, without loading its weights. */
export async function activeModelId(db: Db): Promise<string | null> {
  const row = await db.kysely
    .selectFrom('embedding_models')
    .select('id')
    .where('status', '=', 'active')
    .orderBy('activated_at', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Unit vectors of these papers under a model, by paper id (papers without one are absent). */
export async function vectorsOfPapers(
  db: Db,
  modelId: string,
  paperIds: readonly string[],
): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (let i = 0; i < paperIds.length; i += 500) {
    const rows = await db.kysely
      .selectFrom('embeddings as e')
      .innerJoin('papers as p', 'p.pid', 'e.pid')
      .select(['p.id', 'e.vector'])
      .where('e.model_id', '=', modelId)
      .where('p.id', 'in', paperIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      // Copied so the floats are aligned whatever the driver's buffer offset was.
      const v = new Float32Array(r.vector.byteLength / 4);
      new Uint8Array(v.buffer).set(r.vector);
      out.set(r.id, v);
    }
  }
  return out;
}

/** The ids of the most recently stored papers: the background a member's model learns against. */
export async function recentPaperIds(db: Db, limit: number): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('papers')
    .select('id')
    .orderBy('pid', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
