/** Sorting SMTP failures into those worth retrying and those that will never succeed. */

export type SmtpFailureKind = 'transient' | 'permanent';

export interface SmtpFailure {
  kind: SmtpFailureKind;
  /** The SMTP reply code when the server answered, else null (connection problems). */
  responseCode: number | null;
  /** A short description for logs and the admin page (never holds credentials). */
  message: string;
}

// nodemailer's codes for failures of the connection itself: worth another try later.
const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EPROTOCOL',
  'ETLS',
  'EAUTH',
  'ECLOSE',
]);

/**
 * Classifies an error from nodemailer: a 4xx reply or a lost connection is transient; a 5xx
 * reply (recipient unknown, message refused) is permanent. Anything unrecognised is retried,
 * since the retry count is bounded.
 */
export function classifySmtpError(error: unknown): SmtpFailure {
  const e = (error ?? {}) as { responseCode?: unknown; code?: unknown; message?: unknown };
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const message = oneLine(typeof e.message === 'string' ? e.message : String(error));
  if (responseCode !== null && responseCode >= 500 && responseCode < 600)
    return { kind: 'permanent', responseCode, message };
  if (responseCode !== null && responseCode >= 400 && responseCode < 500)
    return { kind: 'transient', responseCode, message };
  if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code))
    return { kind: 'transient', responseCode, message };
  return { kind: 'transient', responseCode, message };
}

function oneLine(text: string): string {
  // Server replies may echo credentials in URLs; keep only the first line and cut it short.
  return text
    .split(/\r?\n/)[0]!
    .replace(/\/\/[^@\s/]+@/g, '//***@')
    .slice(0, 300);
}
