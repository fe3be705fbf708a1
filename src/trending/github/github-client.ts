/** What one `GET /repos/{owner}/{repo}` told us. */
export type RepoReply =
  | { kind: 'found'; fullName: string; githubId: number; stars: number; etag: string | null }
  | { kind: 'not-modified' }
  | { kind: 'gone'; status: number }
  | { kind: 'rate-limited'; resumeAt: number; retryAfterMs: number | null }
  | { kind: 'failed'; reason: string };

/** The rate-limit headers of the last reply, when GitHub sent them. */
export interface RateLimitState {
  remaining: number | null;
  /** When the limit resets (ms since the epoch). */
  resetAt: number | null;
}

export interface GithubClientOptions {
  /** e.g. https://api.github.com (or a local server in tests). */
  apiUrl: string;
  /** Sent as a bearer token; never logged or returned. */
  token: string | undefined;
  now: () => number;
  timeoutMs?: number;
}

const MAX_REDIRECTS = 3;

/** A minimal GitHub REST client for repository metadata with conditional requests. */
export function createGithubClient(options: GithubClientOptions) {
  const base = new URL(options.apiUrl.replace(/\/+$/, '') + '/');
  const rate: RateLimitState = { remaining: null, resetAt: null };

  async function request(url: URL, etag: string | null): Promise<Response> {
    const headers: Record<string, string> = {
      Accept: 'application/vnd.github+json',
      'User-Agent': 'Folio (self-hosted trending papers)',
      'X-GitHub-Api-Version': '2022-11-28',
    };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (etag) headers['If-None-Match'] = etag;
    const response = await fetch(url, {
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    const remaining = response.headers.get('x-ratelimit-remaining');
    const reset = response.headers.get('x-ratelimit-reset');
    if (remaining !== null && /^\d+$/.test(remaining)) rate.remaining = Number(remaining);
    if (reset !== null && /^\d+$/.test(reset)) rate.resetAt = epochMs(Number(reset));
    return response;
  }

  /**
   * Fetches a repository by `owner/name`. A 301 (renamed or transferred) is followed to the new
   * location on the configured API host; 304 keeps what we had; 404, 410 and 451 mean gone.
   */
  async function getRepository(fullName: string, etag: string | null): Promise<RepoReply> {
    let url = new URL(`repos/${fullName.split('/').map(encodeURIComponent).join('/')}`, base);
    let sendEtag = etag;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      let response: Response;
      try {
        response = await request(url, sendEtag);
      } catch (error) {
        return { kind: 'failed', reason: error instanceof Error ? error.name : 'network error' };
      }
      const status = response.status;
      if (status === 301 || status === 302 || status === 307 || status === 308) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location) return { kind: 'failed', reason: `HTTP ${status} without a location` };
        // Locations name api.github.com; keep every request on the configured host.
        const target = new URL(location, url);
        url = new URL(target.pathname + target.search, base.origin);
        sendEtag = null;
        continue;
      }
      if (status === 304) {
        await response.body?.cancel();
        return { kind: 'not-modified' };
      }
      if (status === 200) return parseRepository(response);
      await response.body?.cancel();
      if (status === 404 || status === 410 || status === 451) return { kind: 'gone', status };
      if (status === 403 || status === 429) {
        const limited = rateLimited(response, options.now());
        if (limited) return limited;
      }
      return { kind: 'failed', reason: `HTTP ${status}` };
    }
    return { kind: 'failed', reason: 'too many redirects' };
  }

  return { getRepository, rate: rate as Readonly<RateLimitState> };
}

export type GithubClient = ReturnType<typeof createGithubClient>;

async function parseRepository(response: Response): Promise<RepoReply> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { kind: 'failed', reason: 'unreadable JSON' };
  }
  const repo = body as { full_name?: unknown; id?: unknown; stargazers_count?: unknown };
  if (
    typeof repo.full_name !== 'string' ||
    !/^[\w.-]+\/[\w.-]+$/.test(repo.full_name) ||
    typeof repo.stargazers_count !== 'number' ||
    !Number.isInteger(repo.stargazers_count) ||
    repo.stargazers_count < 0
  )
    return { kind: 'failed', reason: 'unexpected repository shape' };
  return {
    kind: 'found',
    fullName: repo.full_name,
    githubId: typeof repo.id === 'number' ? repo.id : 0,
    stars: repo.stargazers_count,
    etag: response.headers.get('etag'),
  };
}

/** A primary (remaining 0) or secondary (Retry-After) rate limit, or null for another 403. */
function rateLimited(response: Response, now: number): RepoReply | null {
  const retryAfter = response.headers.get('retry-after');
  if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) {
    const ms = Number(retryAfter) * 1000;
    return { kind: 'rate-limited', resumeAt: now + ms, retryAfterMs: ms };
  }
  if (response.headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(response.headers.get('x-ratelimit-reset'));
    // Without a usable reset time, wait the documented minimum of one minute.
    const resumeAt = Number.isFinite(reset) && reset > 0 ? epochMs(reset) : now + 60_000;
    return { kind: 'rate-limited', resumeAt, retryAfterMs: null };
  }
  if (response.status === 429)
    return { kind: 'rate-limited', resumeAt: now + 60_000, retryAfterMs: 60_000 };
  return null;
}

/** GitHub sends epoch seconds; some recorders and proxies rewrite them as milliseconds. */
function epochMs(value: number): number {
  return value > 1e11 ? value : value * 1000;
}
