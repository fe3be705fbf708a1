import { AsyncLocalStorage } from 'node:async_hooks';
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from 'kysely';

/**
 * Work that tolerates reading a little behind the primary (anonymous page views, feeds, lists,
 * loading search indexes) runs inside `readsMayLag`; only there do plain reads go to the replica.
 * Everything else — writes, transactions, signed-in members' and token holders' requests, jobs —
 * reads from the primary, so a member always reads back what they just wrote.
 */
const lagTolerant = new AsyncLocalStorage<boolean>();

/** Runs `fn` with its plain reads (outside transactions) allowed to go to the read replica. */
export function readsMayLag<T>(fn: () => T): T {
  return lagTolerant.run(true, fn);
}

/** Runs `fn` with every read on the primary, even inside `readsMayLag`. */
export function readsFromPrimary<T>(fn: () => T): T {
  return lagTolerant.run(false, fn);
}

// Raw statements that read but must see the primary: locks, sequences, row locks.
const PRIMARY_ONLY = /pg_(try_)?advisory|nextval|setval|for\s+(update|share)|txid_current/i;

/** A plain read: a select (built or raw) that takes no lock and calls no sequence. */
function isPlainRead(query: CompiledQuery): boolean {
  const kind = query.query.kind;
  if (kind === 'SelectQueryNode') return !PRIMARY_ONLY.test(query.sql);
  if (kind === 'RawNode') return /^\s*select\b/i.test(query.sql) && !PRIMARY_ONLY.test(query.sql);
  return false;
}

/**
 * A driver over the primary and a replica: each statement runs on the primary, except a plain
 * read outside a transaction inside `readsMayLag`, which runs on a replica connection taken and
 * given back for that one statement.
 */
export function readRoutingDriver(primary: Driver, replica: Driver): Driver {
  class RoutedConnection implements DatabaseConnection {
    #primary: DatabaseConnection | null = null;
    inTransaction = false;

    async onPrimary(): Promise<DatabaseConnection> {
      return (this.#primary ??= await primary.acquireConnection());
    }

    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      if (!this.inTransaction && lagTolerant.getStore() === true && isPlainRead(query)) {
        const connection = await replica.acquireConnection();
        try {
          return await connection.executeQuery<R>(query);
        } finally {
          await replica.releaseConnection(connection);
        }
      }
      return (await this.onPrimary()).executeQuery<R>(query);
    }

    async *streamQuery<R>(
      query: CompiledQuery,
      chunkSize?: number,
    ): AsyncIterableIterator<QueryResult<R>> {
      yield* (await this.onPrimary()).streamQuery<R>(query, chunkSize);
    }

    async release(): Promise<void> {
      if (this.#primary) await primary.releaseConnection(this.#primary);
      this.#primary = null;
    }
  }
  return {
    init: async () => {
      await primary.init();
      await replica.init();
    },
    acquireConnection: () => Promise.resolve(new RoutedConnection()),
    beginTransaction: async (connection, settings) => {
      const routed = connection as RoutedConnection;
      routed.inTransaction = true;
      await primary.beginTransaction(await routed.onPrimary(), settings);
    },
    commitTransaction: async (connection) => {
      const routed = connection as RoutedConnection;
      routed.inTransaction = false;
      await primary.commitTransaction(await routed.onPrimary());
    },
    rollbackTransaction: async (connection) => {
      const routed = connection as RoutedConnection;
      routed.inTransaction = false;
      await primary.rollbackTransaction(await routed.onPrimary());
    },
    releaseConnection: (connection) => (connection as RoutedConnection).release(),
    destroy: async () => {
      await replica.destroy();
      await primary.destroy();
    },
  };
}
