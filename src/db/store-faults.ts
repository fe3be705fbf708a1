import { AppError } from '../domain/errors.ts';

/** Seconds a client is told to wait (Retry-After) when the store is away or busy. */
export const STORE_RETRY_AFTER_SECONDS = 5;

/** Error code of every "the store cannot answer right now" failure. */
export const STORE_UNAVAILABLE = 'store_unavailable';

/** What kind of fault an error from the driver is, or null for an ordinary query error. */
export type StoreFault = 'connection' | 'busy' | 'read-only' | 'disk-full' | 'corrupt' | 'io';

// PostgreSQL SQLSTATEs: class 08 connection exceptions, 57P01-57P03 shutdown/crash/starting up,
// 53xxx insufficient resources (53100 disk full), 25006 read-only transaction (a standby),
// XX001/XX002 corrupted data or index.
const PG_STATES: [RegExp, StoreFault][] = [
  [/^08/, 'connection'],
  [/^57P0[123]$/, 'connection'],
  [/^53300$/, 'busy'],
  [/^53100$/, 'disk-full'],
  [/^53/, 'busy'],
  [/^25006$/, 'read-only'],
  [/^XX00[12]$/, 'corrupt'],
];

// Socket errors from node and the messages pg uses when a connection ends under it.
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  // A Unix socket that is gone while the server is down.
  'ENOENT',
]);
const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /not queryable/i,
  /timeout exceeded when trying to connect/i,
  /connection ended/i,
  /cannot use a pool after calling end/i,
];

/** Classifies a driver error: a store fault the caller should treat as "unavailable", or null. */
export function storeFault(error: unknown): StoreFault | null {
  if (!(error instanceof Error)) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_')) return sqliteFault(code);
    if (SOCKET_CODES.has(code)) return 'connection';
    for (const [pattern, fault] of PG_STATES) if (pattern.test(code)) return fault;
  }
  if (CONNECTION_MESSAGES.some((pattern) => pattern.test(error.message))) return 'connection';
  return null;
}

function sqliteFault(code: string): StoreFault | null {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_READONLY')) return 'read-only';
  if (code === 'SQLITE_FULL') return 'disk-full';
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
    return 'corrupt';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'io';
  return null;
}

const MESSAGES: Record<StoreFault, string> = {
  connection: 'The database cannot be reached right now. Try again in a few seconds.',
  busy: 'The database is busy. Try again in a few seconds.',
  'read-only': 'The database accepts no writes right now. Try again shortly.',
  'disk-full': 'The database has no room left to write. Try again later.',
  corrupt: 'The database reported damaged data. The operator has been told.',
  io: 'The database could not read or write its files. Try again later.',
};

/** The 503 a request gets for a store fault (with Retry-After); other errors are returned as they are. */
export function asUnavailable(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const fault = storeFault(error);
  if (!fault) return error;
  const unavailable = new AppError(503, STORE_UNAVAILABLE, MESSAGES[fault], {
    retryAfter: STORE_RETRY_AFTER_SECONDS,
    fault,
  });
  unavailable.cause = error;
  return unavailable;
}

/** The fault behind a 503 from `asUnavailable`, or of a raw driver error. */
export function faultOf(error: unknown): StoreFault | null {
  if (error instanceof AppError && error.code === STORE_UNAVAILABLE)
    return (error.details.fault as StoreFault | undefined) ?? 'connection';
  return storeFault(error);
}

/**
 * Whether an error is a fault that passes by itself (the database restarting or out of
 * connections): background work that met it can simply be tried again.
 */
export function isPassingFault(error: unknown): boolean {
  const fault = faultOf(error);
  return fault === 'connection' || fault === 'busy';
}
