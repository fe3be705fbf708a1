import crypto from 'node:crypto';
import type { Db } from '../db/database.ts';

/**
 * The secret that signs tokens and links: the configured one, else one generated on first start
 * and kept in the store, so every instance sharing the store signs alike.
 */
export async function ensureServerSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const read = () =>
    db.kysely
      .selectFrom('app_settings')
      .select('value')
      .where('key', '=', 'secret')
      .executeTakeFirst();
  const existing = await read();
  if (existing) return existing.value;
  // Two instances starting together may both generate; the first insert wins and both read it.
  await db.kysely
    .insertInto('app_settings')
    .values({ key: 'secret', value: crypto.randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await read();
  if (!stored) throw new Error('could not store the server secret');
  return stored.value;
}
