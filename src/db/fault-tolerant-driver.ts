import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from 'kysely';
import { asUnavailable, faultOf, storeFault, type StoreFault } from './store-faults.ts';

export interface FaultPolicy {
  /**
   * How long a statement that finds the SQLite file locked by another process is retried, with
   * async pauses in between (the driver itself is synchronous, so waiting inside it would stall
   * every request). 0 = answer at once.
   */
  lockWaitMs: number;
  /** Rewrite `begin` to `begin immediate`, so a SQLite transaction takes the write lock up front. */
  immediateTransactions: boolean;
  /** Told about every store fault a query met (after any lock wait), for readiness. */
  onFault?: (fault: StoreFault, error: unknown) => void;
}

/**
 * Wraps a Kysely driver so that store faults (connection lost, server restarting, file locked,
 * disk full, damaged file) surface as the application's 503 with Retry-After instead of a raw
 * driver error, and SQLite lock waits happen between event-loop turns.
 */
export function faultTolerantDriver(inner: Driver, policy: FaultPolicy): Driver {
  const wrapped = new WeakMap<DatabaseConnection, DatabaseConnection>();
  const inTransaction = new WeakSet<DatabaseConnection>();
  // A read outside a transaction that meets a connection that died while idle in the pool (the
  // server restarted) is safe to run once more on a fresh connection; nothing else is retried.
  const retryRead = async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
    const fresh = await inner.acquireConnection();
    try {
      return await fresh.executeQuery<R>(query);
    } finally {
      await inner.releaseConnection(fresh);
    }
  };
  const wrap = (connection: DatabaseConnection): DatabaseConnection => {
    let proxy = wrapped.get(connection);
    if (!proxy) {
      proxy = new Proxy(connection, {
        get(target, property) {
          if (property === 'executeQuery')
            return async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
              trackTransaction(query, target, inTransaction);
              try {
                return await execute<R>(target, query, policy);
              } catch (error) {
                const retriable =
                  query.query.kind === 'SelectQueryNode' &&
                  !inTransaction.has(target) &&
                  faultOf(error) === 'connection';
                if (!retriable) throw error;
                try {
                  return await retryRead<R>(query);
                } catch (again) {
                  throw fail(again, policy);
                }
              }
            };
          const value: unknown = Reflect.get(target, property, target);
          // Bound to the real connection: its private fields are not reachable through a proxy.
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      wrapped.set(connection, proxy);
    }
    return proxy;
  };
  return new Proxy(inner, {
    get(target, property) {
      if (property === 'acquireConnection')
        return async () => {
          try {
            return wrap(await target.acquireConnection());
          } catch (error) {
            throw fail(error, policy);
          }
        };
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function execute<R>(
  connection: DatabaseConnection,
  query: CompiledQuery,
  policy: FaultPolicy,
): Promise<QueryResult<R>> {
  const compiled =
    policy.immediateTransactions && query.sql === 'begin'
      ? { ...query, sql: 'begin immediate' }
      : query;
  const deadline = Date.now() + policy.lockWaitMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      return await connection.executeQuery<R>(compiled);
    } catch (error) {
      if (storeFault(error) !== 'busy' || Date.now() + pause > deadline) throw fail(error, policy);
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** Kysely opens and ends transactions with these raw statements on the connection. */
function trackTransaction(
  query: CompiledQuery,
  connection: DatabaseConnection,
  open: WeakSet<DatabaseConnection>,
): void {
  const statement = query.sql.trim().toLowerCase();
  if (statement === 'begin' || statement.startsWith('start transaction')) open.add(connection);
  else if (statement === 'commit' || statement === 'rollback') open.delete(connection);
}

function fail(error: unknown, policy: FaultPolicy): unknown {
  const fault = storeFault(error);
  if (fault) policy.onFault?.(fault, error);
  return asUnavailable(error);
}
