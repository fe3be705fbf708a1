import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import type { Paper } from '../domain/paper.ts';
import { userById } from '../community/user.service.ts';
import { inTransaction } from '../papers/paper.repository.ts';
import { mailSite, type DigestDeps } from './digest-deps.ts';
import {
  DIGEST_SIZES,
  latestListingDayOnOrBefore,
  loadPeriodContent,
  type PeriodContent,
} from './digest-content.ts';
import { paperView, preheaderOf, type DigestPaperView, type DigestView } from './digest-view.ts';
import { digestMessageId } from './mail-headers.ts';
import { findSentPapers, insertOutbox, insertSentPapers } from './outbox.repository.ts';
import { renderDigestHtml } from './render/digest-html.tsx';
import { renderDigestText } from './render/digest-text.ts';
import { nextDueAt, previousWeekLabel } from './schedule.ts';
import { listDueSubscribers } from './subscriber.repository.ts';
import { hasTopics, type Subscriber } from './subscriber.ts';
import { manageUrl, unsubscribeUrl } from './digest-links.ts';
import { matchTopic } from './topics.ts';

/** The ids of the period's papers a keyword or saved query finds; null when there is no search. */
export type TopicSearch = (
  term: string,
  content: PeriodContent,
) => Promise<ReadonlySet<string> | null>;

export interface BuildOptions {
  /** Build and count, write nothing. */
  dryRun?: boolean;
  topicSearch?: TopicSearch;
  /** Subscribers read per batch (and per transaction). */
  batchSize?: number;
}

export interface BuildSummary {
  due: number;
  queued: number;
  /** Nothing new for them (and empty digests are not sent). */
  empty: number;
  /** A digest for that period was queued before. */
  alreadyQueued: number;
  papers: number;
}

/** A built digest, before it is queued. */
export interface BuiltDigest {
  subscriber: Subscriber;
  periodKey: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  paperIds: string[];
}

/**
 * Builds the digest of every subscriber due now and queues it in the outbox, with the papers it
 * holds and the subscriber's next due time, one transaction per batch: a run killed midway
 * leaves whole batches queued and the rest still due.
 */
export async function buildDueDigests(
  deps: DigestDeps,
  options: BuildOptions = {},
): Promise<BuildSummary> {
  const now = deps.clock.now();
  const summary: BuildSummary = { due: 0, queued: 0, empty: 0, alreadyQueued: 0, papers: 0 };
  const periods = new PeriodCache(deps.db, deps.clock, now);
  let afterId = 0;
  for (;;) {
    const batch = await listDueSubscribers(
      deps.db.kysely,
      now.toISOString(),
      afterId,
      options.batchSize ?? 200,
    );
    if (batch.length === 0) break;
    afterId = batch[batch.length - 1]!.id;
    summary.due += batch.length;
    const built = await buildBatch(deps, batch, periods, options.topicSearch);
    const skipped = batch.length - built.length;
    summary.empty += skipped;
    if (options.dryRun) {
      summary.queued += built.length;
      summary.papers += built.reduce((n, d) => n + d.paperIds.length, 0);
      continue;
    }
    await inTransaction(deps.db, async (trx) => {
      for (const digest of built) {
        const queued = await insertOutbox(trx, {
          subscriber_id: digest.subscriber.id,
          period_key: digest.periodKey,
          status: 'pending',
          to_address: digest.subscriber.email,
          message_id: digest.messageId,
          subject: digest.subject,
          body_html: digest.html,
          body_text: digest.text,
          paper_count: digest.paperIds.length,
          next_attempt_at: now.toISOString(),
          created_at: now.toISOString(),
        });
        if (!queued) {
          summary.alreadyQueued++;
          continue;
        }
        summary.queued++;
        summary.papers += digest.paperIds.length;
        await insertSentPapers(
          trx,
          digest.paperIds.map((id) => ({
            subscriber_id: digest.subscriber.id,
            paper_id: id,
            period_key: digest.periodKey,
          })),
        );
      }
      for (const subscriber of batch) {
        const next = nextDueAt(now, subscriber.frequency, subscriber.timeZone, deps.config.digest);
        await trx
          .updateTable('subscribers')
          .set({ next_due_at: next.toISOString() })
          .where('id', '=', subscriber.id)
          .execute();
      }
    });
  }
  return summary;
}

/** Builds the digests of a batch of subscribers; those with nothing new are left out. */
export async function buildBatch(
  deps: DigestDeps,
  subscribers: Subscriber[],
  periods: PeriodCache,
  topicSearch?: TopicSearch,
): Promise<BuiltDigest[]> {
  const contents = new Map<number, PeriodContent>();
  const paperIds = new Set<string>();
  for (const s of subscribers) {
    const content = await periods.forSubscriber(s);
    if (!content) continue;
    contents.set(s.id, content);
    for (const p of content.papers) paperIds.add(p.paper.id);
    for (const t of content.trending) paperIds.add(t.paper.paper.id);
  }
  const sent = await findSentPapers(deps.db.kysely, [...contents.keys()], [...paperIds]);
  const built: BuiltDigest[] = [];
  for (const subscriber of subscribers) {
    const content = contents.get(subscriber.id);
    if (!content) continue;
    const { keywords, query } = subscriber.topics;
    if (topicSearch)
      for (const term of query ? [...keywords, query] : keywords)
        if (!content.searchHits.has(term))
          content.searchHits.set(term, await topicSearch(term, content));
    const hits = (term: string) => content.searchHits.get(term) ?? null;
    const alreadySent = sent.get(subscriber.id) ?? new Set<string>();
    const personal = await personalSections(deps, subscriber, content, alreadySent);
    const digest = composeDigest(deps, subscriber, content, alreadySent, hits, personal);
    if (digest) built.push(digest);
  }
  return built;
}

/** Papers of a member's own sections, each with why it is there. */
export interface PersonalSections {
  following: { paper: Paper; reason: string }[];
  forYou: { paper: Paper; reason: string }[];
}

/** Papers per personal section at most. */
const PERSONAL_SIZE = { following: 10, forYou: 5 };

/**
 * A member's sections: the period's new papers of what they follow, and "For you" (never a
 * paper sent before). Subscribers without an account, or a suspended one, get none.
 */
export async function personalSections(
  deps: DigestDeps,
  subscriber: Subscriber,
  content: PeriodContent,
  alreadySent: ReadonlySet<string>,
): Promise<PersonalSections | null> {
  if (!deps.personal || subscriber.userId === null) return null;
  const member = await userById(deps.db, subscriber.userId);
  if (!member || member.status !== 'active') return null;
  const { from, to } = content.period;
  const following = (await deps.personal.follows.feed(member, 200))
    .filter((f) => f.date >= from && f.date <= to && !alreadySent.has(f.paper.id))
    .slice(0, PERSONAL_SIZE.following)
    .map((f) => ({ paper: f.paper, reason: f.reason.charAt(0).toUpperCase() + f.reason.slice(1) }));
  const taken = new Set([...alreadySent, ...following.map((f) => f.paper.id)]);
  const forYou = (
    await deps.personal.recommendations.forYou(member, {
      limit: PERSONAL_SIZE.forYou,
      exclude: taken,
    })
  ).map((r) => ({ paper: r.paper, reason: r.reason }));
  return { following, forYou };
}

/** One subscriber's digest for a period, or null when nothing is new and empty ones are not sent. */
export function composeDigest(
  deps: DigestDeps,
  subscriber: Subscriber,
  content: PeriodContent,
  alreadySent: ReadonlySet<string>,
  searchHits: (term: string) => ReadonlySet<string> | null,
  personal: PersonalSections | null = null,
): BuiltDigest | null {
  const { baseUrl } = deps.config;
  const sizes = DIGEST_SIZES[subscriber.frequency];
  // Thousands of digests share a period's papers: each paper's view is made once.
  const viewOf = (paper: Paper, reason: string | null): DigestPaperView => {
    let view = content.views.get(paper.id);
    if (!view) content.views.set(paper.id, (view = paperView(paper, baseUrl, null)));
    return reason === null ? view : { ...view, reason };
  };
  const chosen = new Set<string>();
  // A member's own sections claim their papers first: each paper is shown once, with the reason
  // that concerns the member rather than under trending.
  const own = (list: { paper: Paper; reason: string }[]) =>
    list
      .filter((x) => !chosen.has(x.paper.id) && !alreadySent.has(x.paper.id))
      .map((x) => {
        chosen.add(x.paper.id);
        return viewOf(x.paper, x.reason);
      });
  const following = own(personal?.following ?? []);
  const forYou = own(personal?.forYou ?? []);
  const trending: DigestPaperView[] = [];
  for (const t of content.trending) {
    if (alreadySent.has(t.paper.paper.id) || chosen.has(t.paper.paper.id)) continue;
    chosen.add(t.paper.paper.id);
    trending.push(viewOf(t.paper.paper, t.reason));
  }
  const topical: DigestPaperView[] = [];
  if (hasTopics(subscriber.topics)) {
    for (const p of content.papers) {
      if (topical.length >= sizes.topical) break;
      if (chosen.has(p.paper.id) || alreadySent.has(p.paper.id)) continue;
      const topic = matchTopic(p, subscriber.topics, searchHits);
      if (topic === null) continue;
      chosen.add(p.paper.id);
      topical.push(viewOf(p.paper, `Matches ${topic}`));
    }
  }
  if (chosen.size === 0 && !deps.config.digest.sendEmpty) return null;
  const view: DigestView = {
    periodTitle: content.title,
    preheader: preheaderOf(trending, topical, [...following, ...forYou]),
    trending,
    topical,
    following,
    forYou,
    baseUrl,
    manageUrl: manageUrl(deps, subscriber),
    unsubscribeUrl: unsubscribeUrl(deps, subscriber),
  };
  const count = chosen.size;
  return {
    subscriber,
    periodKey: content.key,
    subject:
      count === 0
        ? `Folio digest: nothing new for ${content.title}`
        : `Folio digest: ${count} paper${count === 1 ? '' : 's'} for ${content.title}`,
    html: renderDigestHtml(view, content.renderRow),
    text: renderDigestText(view),
    messageId: digestMessageId(mailSite(deps), subscriber.id, content.key),
    paperIds: [...chosen],
  };
}

/** The period each subscriber's digest covers at `now`, with its content loaded once. */
export class PeriodCache {
  private latestDay: Promise<string | null> | undefined;
  private readonly contents = new Map<string, Promise<PeriodContent>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly now: Date,
  ) {}

  /** A daily digest covers the latest listing day; a weekly one the previous local ISO week. */
  async forSubscriber(subscriber: Subscriber): Promise<PeriodContent | null> {
    if (subscriber.frequency === 'weekly')
      return this.load('weekly', previousWeekLabel(this.now, subscriber.timeZone));
    this.latestDay ??= latestListingDayOnOrBefore(this.db, this.now.toISOString().slice(0, 10));
    const day = await this.latestDay;
    return day ? this.load('daily', day) : null;
  }

  private load(frequency: 'daily' | 'weekly', label: string): Promise<PeriodContent> {
    const key = `${frequency}:${label}`;
    let content = this.contents.get(key);
    if (!content) {
      content = loadPeriodContent(this.db, this.clock, frequency, label);
      this.contents.set(key, content);
    }
    return content;
  }
}
