import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  Migrator,
  sql,
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
} from 'kysely';
import type { Db, DialectName } from './database.ts';

/** A migration module: forward-only, given the dialect so it can write the few statements that differ. */
export interface FolioMigration {
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');
const MIGRATION_FILE = /^\d{4}-\d{2}-\d{2}-\d{2}-[\w-]+\.ts$/;

/** Reads `migrations/*.ts`, named `YYYY-MM-DD-NN-purpose.ts`, in name order. */
class FolderProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => MIGRATION_FILE.test(f))
      .sort();
    const migrations: Record<string, Migration> = {};
    // The prebuilt command line (scripts/cli-bundle.mjs) is plain JavaScript: its build defines
    // this, and the migrations it reads from src/ load through tsx.
    if (files.length > 0 && process.env.FOLIO_PREBUILT_CLI === '1')
      (await import('tsx/esm/api')).register();
    for (const file of files) {
      const module = (await import(
        pathToFileURL(path.join(MIGRATIONS_DIR, file)).href
      )) as FolioMigration;
      migrations[file.replace(/\.ts$/, '')] = { up: (db) => module.up(db, this.dialect) };
    }
    return migrations;
  }
}

/** The names of every migration (the file names without `.ts`), in the order they apply. */
export function migrationNames(): string[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort()
    .map((f) => f.replace(/\.ts$/, ''));
}

/** Brings the store up to the latest schema; returns the names of the migrations it applied. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  // Most opens have nothing to apply: compare names before importing every migration module.
  if (await upToDate(db)) return [];
  const migrator = new Migrator({ db: db.kysely, provider: new FolderProvider(db.dialect) });
  return applied(await migrator.migrateToLatest());
}

/** Whether the store has applied exactly the migrations this release has (read, nothing written). */
async function upToDate(db: Db): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(
      db.kysely,
    );
    const names = migrationNames();
    const applied = new Set(rows.map((row) => row.name));
    return applied.size === names.length && names.every((name) => applied.has(name));
  } catch {
    return false; // no migration table yet: a new store
  }
}

/**
 * Brings the store up to the named migration and no further (an older schema, as a store made by
 * an earlier release has); returns the names it applied.
 */
export async function migrateTo(db: Db, name: string): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: new FolderProvider(db.dialect) });
  return applied(await migrator.migrateTo(name));
}

function applied({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(
      `migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
