import type { Db } from '../../db/database.ts';
import type { Clock } from '../../domain/clock.ts';
import type { Logger } from '../../logger.ts';
import { readSetting, writeSetting } from '../score.repository.ts';
import { createGithubClient, type RepoReply } from './github-client.ts';
import {
  discoverRepos,
  dueRepos,
  markGone,
  recordFailure,
  recordStars,
  recordUnchanged,
  type DueRepo,
} from './repo.repository.ts';

export interface GithubSyncOptions {
  apiUrl: string;
  token: string | undefined;
  /** At most this many repositories per run. */
  batch: number;
  /** A secondary limit asking to wait up to this long is waited out; longer ones stop the run. */
  maxPauseMs?: number;
  /** How to wait (tests pass one that records instead of sleeping). */
  sleep?: (ms: number) => Promise<void>;
}

export interface GithubSyncResult {
  discovered: number;
  checked: number;
  updated: number;
  notModified: number;
  renamed: number;
  gone: number;
  failed: number;
  /** Why the run ended before its batch: rate-limited (with when to resume) or failing. */
  stopped: null | { reason: 'rate-limited' | 'failing'; resumeAt: string | null };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PAUSED_UNTIL = 'github.paused_until';
const MAX_CONSECUTIVE_FAILURES = 5;

/**
 * Refreshes star counts of linked GitHub repositories that are due, politely: conditional
 * requests, GitHub's rate limits (stopping cleanly and resuming after the reset), renames
 * followed and stored, deleted repositories retired. Each check schedules the next one.
 */
export async function syncGithubStars(
  db: Db,
  clock: Clock,
  logger: Logger,
  options: GithubSyncOptions,
): Promise<GithubSyncResult> {
  const now = () => clock.now().getTime();
  const result: GithubSyncResult = {
    discovered: 0,
    checked: 0,
    updated: 0,
    notModified: 0,
    renamed: 0,
    gone: 0,
    failed: 0,
    stopped: null,
  };
  const pausedUntil = await readSetting(db.kysely, PAUSED_UNTIL);
  if (pausedUntil && Date.parse(pausedUntil) > now()) {
    result.stopped = { reason: 'rate-limited', resumeAt: pausedUntil };
    return result;
  }
  result.discovered = await discoverRepos(db.kysely, iso(now()));
  const client = createGithubClient({ apiUrl: options.apiUrl, token: options.token, now });
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const maxPause = options.maxPauseMs ?? 60_000;
  let consecutiveFailures = 0;

  for (const repo of await dueRepos(db.kysely, iso(now()), options.batch)) {
    let reply = await client.getRepository(repo.full_name, repo.etag);
    if (
      reply.kind === 'rate-limited' &&
      reply.retryAfterMs !== null &&
      reply.retryAfterMs <= maxPause
    ) {
      await sleep(reply.retryAfterMs);
      reply = await client.getRepository(repo.full_name, repo.etag);
    }
    if (reply.kind === 'rate-limited') {
      await pause(db, reply.resumeAt, result);
      break;
    }
    result.checked += 1;
    await applyReply(db, repo, reply, now(), result);
    consecutiveFailures = reply.kind === 'failed' ? consecutiveFailures + 1 : 0;
    if (consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
      result.stopped = { reason: 'failing', resumeAt: null };
      break;
    }
    // Stop before a request GitHub would refuse; resume after its reset.
    if (client.rate.remaining === 0) {
      await pause(db, client.rate.resetAt ?? now() + HOUR, result);
      break;
    }
  }
  logger.info({ ...result }, 'GitHub star sync finished');
  return result;
}

async function applyReply(
  db: Db,
  repo: DueRepo,
  reply: Exclude<RepoReply, { kind: 'rate-limited' }>,
  now: number,
  result: GithubSyncResult,
): Promise<void> {
  const at = iso(now);
  if (reply.kind === 'found') {
    const gained = repo.stars === null ? 0 : Math.max(0, reply.stars - repo.stars);
    if (reply.fullName !== repo.full_name) result.renamed += 1;
    result.updated += 1;
    await recordStars(db.kysely, {
      id: repo.id,
      fullName: reply.fullName,
      githubId: reply.githubId,
      stars: reply.stars,
      gained,
      etag: reply.etag,
      now: at,
      nextCheckAt: iso(now + checkInterval(repo, gained, now)),
    });
  } else if (reply.kind === 'not-modified') {
    result.notModified += 1;
    await recordUnchanged(db.kysely, repo.id, at, iso(now + checkInterval(repo, 0, now)));
  } else if (reply.kind === 'gone') {
    result.gone += 1;
    await markGone(db.kysely, repo.id, at);
  } else {
    result.failed += 1;
    const failures = repo.failures + 1;
    await recordFailure(
      db.kysely,
      repo.id,
      failures,
      iso(now + Math.min(7 * DAY, HOUR * 2 ** failures)),
    );
  }
}

/**
 * How long until the next check: hourly while a repository gains stars fast or its paper is a
 * week old or less, then less and less often as both calm down.
 */
export function checkInterval(
  repo: Pick<DueRepo, 'last_checked_at' | 'youngest_paper'>,
  gained: number,
  now: number,
): number {
  const since = repo.last_checked_at ? now - Date.parse(repo.last_checked_at) : null;
  const starsPerHour = since && since > 0 ? gained / (since / HOUR) : 0;
  const paperAge = repo.youngest_paper ? now - Date.parse(repo.youngest_paper) : Infinity;
  if (starsPerHour >= 1 || paperAge <= 7 * DAY) return HOUR;
  if (gained > 0 || paperAge <= 30 * DAY) return 6 * HOUR;
  if (paperAge <= 365 * DAY) return DAY;
  return 7 * DAY;
}

async function pause(db: Db, resumeAt: number, result: GithubSyncResult): Promise<void> {
  const at = iso(resumeAt);
  await writeSetting(db.kysely, PAUSED_UNTIL, at);
  result.stopped = { reason: 'rate-limited', resumeAt: at };
}

const iso = (ms: number) => new Date(ms).toISOString();
