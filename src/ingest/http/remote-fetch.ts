import { SourceError } from '../sources/source-error.ts';
import { delay, type RateLimiter } from './rate-limiter.ts';
import {
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  retryWaitMs,
  type RetryPolicy,
} from './retry-policy.ts';

/** What a source needs to fetch politely: who it is, its limiter, retries and User-Agent. */
export interface RemoteClient {
  userAgent: string;
  retry: RetryPolicy;
  /** Told about each retry, so runs can log them. */
  onRetry?: (info: {
    source: string;
    url: string;
    attempt: number;
    waitMs: number;
    reason: string;
  }) => void;
}

/** A response read in full and decoded as UTF-8. */
export interface RemoteResponse {
  url: string;
  status: number;
  headers: Headers;
  body: string;
  /** True when the body was not valid UTF-8 (bad bytes became U+FFFD). */
  invalidUtf8: boolean;
}

/** Per-request options: the limiter, the Accept header, a body check and an attempt counter. */
export interface FetchOptions {
  limiter?: RateLimiter;
  accept?: string;
  /**
   * Why an answer the server called a success cannot be used (an HTML error page with 200, a
   * body cut short), or null when it can: such an answer is retried like a 5xx.
   */
  unusable?: (response: RemoteResponse) => string | null;
  /** Told about every request actually sent, retries included, so reports count them all. */
  onAttempt?: () => void;
}

/**
 * GETs a URL politely: waits its turn on the limiter before every attempt, gives each attempt
 * a time-out, and retries time-outs, network failures, 429, 5xx and answers `unusable` rejects
 * with exponential backoff (honouring Retry-After). Other statuses are returned for the source
 * to interpret. After the last attempt fails it throws a transient SourceError naming the source,
 * the URL, the number of attempts and the last reason.
 */
export async function fetchRemote(
  client: RemoteClient,
  source: string,
  url: string,
  options: FetchOptions = {},
): Promise<RemoteResponse> {
  const { retry } = client;
  let lastReason = 'no attempt made';
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    await options.limiter?.wait();
    let retryAfter: string | null = null;
    options.onAttempt?.();
    try {
      const response = await fetch(url, {
        headers: {
          'user-agent': client.userAgent,
          accept: options.accept ?? 'application/xml, text/xml, */*;q=0.5',
        },
        signal: AbortSignal.timeout(retry.timeoutMs),
        redirect: 'follow',
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (!isRetryableStatus(response.status)) {
        const decoded = decode(url, response, bytes);
        const unusable = options.unusable?.(decoded) ?? null;
        if (unusable === null) return decoded;
        lastReason = unusable;
      } else {
        retryAfter = response.headers.get('retry-after');
        lastReason = `HTTP ${response.status}`;
      }
    } catch (error) {
      lastReason = describeFailure(error, retry.timeoutMs);
    }
    if (attempt < retry.attempts) {
      const waitMs = retryWaitMs(retry, attempt, retryAfter);
      client.onRetry?.({ source, url, attempt, waitMs, reason: lastReason });
      await delay(waitMs);
    }
  }
  throw new SourceError(
    source,
    `${shorten(url)} failed after ${retry.attempts} attempts (${lastReason})`,
    true,
  );
}

/** A client with the default retry policy and a User-Agent naming Folio. */
export function createRemoteClient(
  userAgent: string,
  overrides: Partial<RetryPolicy> = {},
  onRetry?: RemoteClient['onRetry'],
): RemoteClient {
  return {
    userAgent,
    retry: { ...DEFAULT_RETRY_POLICY, ...overrides },
    ...(onRetry ? { onRetry } : {}),
  };
}

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

function decode(url: string, response: Response, bytes: Uint8Array): RemoteResponse {
  let body: string;
  let invalidUtf8 = false;
  try {
    body = strict.decode(bytes);
  } catch {
    body = lenient.decode(bytes);
    invalidUtf8 = true;
  }
  return { url, status: response.status, headers: response.headers, body, invalidUtf8 };
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const err = error as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return `timed out after ${timeoutMs} ms`;
  const cause = err.cause?.code ?? err.cause?.message;
  return cause ? `${err.message ?? 'network error'} (${cause})` : (err.message ?? String(error));
}

function shorten(url: string): string {
  // Long query strings would drown the message.
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}
