import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { AppError, badRequest } from '../domain/errors.ts';
import {
  findUserByEmail,
  findUserById,
  findUserByName,
  insertUser,
  namesStartingWith,
  updateUser,
} from './user.repository.ts';
import type { Role, User } from './user.ts';

const EMAIL =
  /^[^\s@<>()[\]\\,;:"]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const NAME = /^[a-z0-9][a-z0-9_-]{1,29}$/;

/** A normalized email address, or null when the text is not one. */
export function normalizeEmail(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const email = input.trim().toLowerCase();
  return email.length <= 254 && EMAIL.test(email) ? email : null;
}

/** Checks a member name: 2–30 of a–z, 0–9, `_` and `-`, starting with a letter or digit. */
export function checkName(input: unknown): string {
  const name = typeof input === 'string' ? input.trim().toLowerCase() : '';
  if (!NAME.test(name))
    throw badRequest(
      'invalid_name',
      'A name is 2 to 30 characters: letters a–z, digits, "_" or "-", starting with a letter or digit.',
    );
  return name;
}

/** The member with this address, created (with a free name from the address) on first sign-in. */
export async function ensureUser(
  db: Db,
  clock: Clock,
  email: string,
  role: Role = 'member',
): Promise<User> {
  const existing = await findUserByEmail(db.kysely, email);
  if (existing) return existing;
  const stem =
    email
      .split('@')[0]!
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^[-_]+/, '')
      .slice(0, 24) || 'member';
  const base = stem.length >= 2 ? stem : `${stem}-member`;
  for (let attempt = 0; attempt < 5; attempt++) {
    const taken = await namesStartingWith(db.kysely, base);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    try {
      return await insertUser(db.kysely, { email, name, role, now: clock.now().toISOString() });
    } catch (error) {
      // Another request took the address or the name first: read it back or try the next name.
      const raced = await findUserByEmail(db.kysely, email);
      if (raced) return raced;
      if (attempt === 4) throw error;
    }
  }
  throw new Error('unreachable');
}

/** Renames a member; the name must be free. */
export async function renameUser(db: Db, user: User, input: unknown): Promise<string> {
  const name = checkName(input);
  if (name === user.name) return name;
  const holder = await findUserByName(db.kysely, name);
  if (holder) throw new AppError(409, 'name_taken', `The name "${name}" is taken.`);
  try {
    await updateUser(db.kysely, user.id, { name });
  } catch {
    throw new AppError(409, 'name_taken', `The name "${name}" is taken.`);
  }
  return name;
}

/** Gives a member a role (admins only; the caller checks). */
export async function setRole(db: Db, target: User, role: unknown): Promise<Role> {
  if (role !== 'member' && role !== 'curator' && role !== 'admin')
    throw badRequest('invalid_role', 'A role is member, curator or admin.');
  await updateUser(db.kysely, target.id, { role });
  return role;
}

/** Suspends or restores a member; a suspended member can read but not vote, comment or submit. */
export async function setSuspended(db: Db, target: User, suspended: boolean): Promise<void> {
  if (target.role === 'admin' && suspended)
    throw new AppError(403, 'forbidden', 'An admin cannot be suspended; remove the role first.');
  await updateUser(db.kysely, target.id, { status: suspended ? 'suspended' : 'active' });
}

/** Throws 403 unless the member may act (signed in and not suspended). */
export function requireActive(user: User | null): User {
  if (!user) throw new AppError(401, 'sign_in_required', 'Sign in to do that.');
  if (user.status !== 'active')
    throw new AppError(403, 'suspended', 'This account is suspended; it can read but not post.');
  return user;
}

export { findUserByName };

/** A member by id, or null. */
export function userById(db: Db, id: number): Promise<User | null> {
  return findUserById(db.kysely, id);
}

/** A member by email address (normalized as at sign-in), or null. */
export function userByEmail(db: Db, email: string): Promise<User | null> {
  const normalized = normalizeEmail(email);
  return normalized ? findUserByEmail(db.kysely, normalized) : Promise.resolve(null);
}
