import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { UsersTable } from '../db/schema.ts';
import type { Role, User } from './user.ts';

type Executor = Db['kysely'];

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: (['member', 'curator', 'admin'].includes(row.role) ? row.role : 'member') as Role,
    status: row.status === 'suspended' ? 'suspended' : 'active',
    createdAt: row.created_at,
  };
}

export async function findUserByEmail(db: Executor, email: string): Promise<User | null> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function findUserByName(db: Executor, name: string): Promise<User | null> {
  const row = await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function findUserById(db: Executor, id: number): Promise<User | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : null;
}

/** Names already taken among those starting with `stem` (to pick a free one). */
export async function namesStartingWith(db: Executor, stem: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('users')
    .select('name')
    .where('name', '>=', stem)
    .where('name', '<', `${stem}\uffff`)
    .execute();
  return new Set(rows.map((r) => r.name));
}

export async function insertUser(
  db: Executor,
  user: { email: string; name: string; role: Role; now: string },
): Promise<User> {
  const row = await db
    .insertInto('users')
    .values({ email: user.email, name: user.name, role: user.role, created_at: user.now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function updateUser(
  db: Executor,
  id: number,
  changes: { name?: string; role?: Role; status?: 'active' | 'suspended' },
): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

export async function touchUser(db: Executor, id: number, now: string): Promise<void> {
  await db.updateTable('users').set({ last_seen_at: now }).where('id', '=', id).execute();
}
