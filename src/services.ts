import fs from 'node:fs';
import os from 'node:os';
import type { Config } from './config.ts';
import { arxivLookup } from './ingest/arxiv-lookup.ts';
import { ingestClient } from './ingest/ingest-deps.ts';
import { createPersonalServices, type PersonalServices } from './library/library.setup.ts';
import { createPapersService, type PapersService } from './papers/paper.service.ts';
import { createListsService, type ListsService } from './papers/lists.setup.ts';
import { createCommunityService, type CommunityService } from './community/community.setup.ts';
import { checkStore } from './db/store-health.ts';
import { createDigestService, type DigestService } from './digest/digest.setup.ts';
import { createIngestService, type IngestService } from './ingest/ingest.setup.ts';
import { createJobRuns, type JobRuns } from './ops/job-runs.ts';
import type { syncGithubStars } from './trending/github/github-sync.service.ts';
import type { pruneStarHistory } from './trending/github/star-history-pruning.ts';
import { outboxOverview } from './digest/outbox-overview.ts';
import { keywordFacets } from './keywords/keyword-facets.ts';
import { createTrendingService, type TrendingService } from './trending/trending.setup.ts';
import { createSearchService, type SemanticTuning } from './search/search.setup.ts';
import type { SearchService } from './search/search.service.ts';
import { createSummariesService, type SummariesService } from './summaries/summary.service.ts';
import { PageCache } from './web/page-cache.ts';
import type { Db } from './db/database.ts';
import { openStore, prepareStore } from './store.ts';
import { systemClock, type Clock } from './domain/clock.ts';
import { importJsonl, importUnfinished, type ImportDeps } from './ingest/import-jsonl.ts';
import { createRateLimiter, type RateLimiter } from './ingest/http/rate-limiter.ts';
import type { Progress } from './ingest/progress.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMailer, mailerOptionsFromConfig, type Mailer } from './mail/mailer.ts';
import { createMetrics, type Metrics } from './metrics/metrics.ts';
import { outboxCounts } from './digest/outbox-overview.ts';
import { ensureServerSecret } from './settings/server-secret.ts';
import { countPapers, latestListingDate } from './papers/paper.repository.ts';
import { writeDemoDataUntil } from './settings/demo-data.ts';

/** What the services are built over: configuration, the open store, clock, logger, mail, secret. */
export interface Infrastructure {
  config: Readonly<Config>;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The one politeness limit shared by every request to arXiv (API, OAI-PMH, listing feeds). */
  arxivLimiter: RateLimiter;
  /** Signs tokens and links (configured, or generated once and kept in the store). */
  secret: string;
  mailer: Mailer;
}

/** Each feature's service, built once with its dependencies bound. */
export interface Services {
  /** Papers: the one write path (with its stored-paper listeners), details, arXiv fetches. */
  papers: PapersService;
  /** Keyword, semantic and hybrid search; similar papers. */
  search: SearchService;
  /** A member's library, collections, follows, recommendations and reference files. */
  personal: PersonalServices;
  /** What public pages show, cached briefly per instance; dropped whenever papers are stored. */
  pageCache: PageCache;
  /** Generated summaries (off unless FOLIO_SUMMARY_URL is set); papers' details read them. */
  summaries: SummariesService;
  /** The daily, weekly and monthly lists. */
  lists: ListsService;
  /** The trending ranking, its signals (views, activity) and its curation. */
  trending: TrendingService;
  /** Members: sessions, comments, votes, profiles, API tokens, rate limits. */
  community: CommunityService;
  /** Email digests: subscriptions and their signed links, digest rounds, previews. */
  digest: DigestService;
  /** Runs of the ingest sources (by name, or the scheduled ones) and bulk imports. */
  ingest: IngestService;
  /** The keywords a set of papers shares, as search refinements. */
  keywordFacets: (ids: readonly string[], limit?: number) => ReturnType<typeof keywordFacets>;
  /** Key phrases extracted from titles and abstracts. */
  keywords: {
    /** Extracts key phrases for papers without them (`all`: every paper again); returns how many. */
    refresh: (options?: { all?: boolean }) => Promise<number>;
  };
  /** GitHub stars of the repositories papers link (a trending signal). */
  githubStars: {
    /** Refreshes the star counts that are due (at most `batch`, default the configured batch). */
    sync: (batch?: number) => ReturnType<typeof syncGithubStars>;
    /** Thins star history older than the trending windows need. */
    prune: () => ReturnType<typeof pruneStarHistory>;
  };
  /** What operators read and run: the store's health, the outbox, job locks and demo data. */
  ops: {
    /** Where the store is, for logs (no password). */
    storeLabel: string;
    storeHealth: (options: Parameters<typeof checkStore>[1]) => ReturnType<typeof checkStore>;
    outbox: (recentLimit?: number) => ReturnType<typeof outboxOverview>;
    /** Job locks and scheduled ticks, shared by every instance over the store. */
    jobs: JobRuns;
    /** Loads the bundled demo corpus into an empty store; returns how many papers it stored. */
    loadDemoIfEmpty: (progress?: Progress) => Promise<number>;
  };
}

/**
 * The composition root: builds every service once and wires the stored-paper listeners
 * (search indexing, page caches) here, so no write path can skip them.
 */
export function buildServices(
  infra: Infrastructure,
  options: { semantic?: SemanticTuning } = {},
): Services {
  const { config, db, clock, logger } = infra;
  const summaries = createSummariesService({ db, clock, logger, endpoint: config.summary });
  const papers = createPapersService({
    db,
    clock,
    logger,
    summaryOf: (id) => summaries.summaryOf(id),
    // A member is waiting for the page: one quick retry at most.
    fetchRecord: config.offline
      ? undefined
      : arxivLookup({
          client: ingestClient(infra, { attempts: 2 }),
          arxivLimiter: infra.arxivLimiter,
          arxivApiUrl: config.ingest.arxivApiUrl,
        }),
  });
  const search = createSearchService({
    config,
    db,
    logger,
    clock,
    ...(options.semantic ? { semantic: options.semantic } : {}),
  });
  const pageCache = new PageCache(() => clock.now().getTime());
  papers.onStored((stored) => search.onPapersStored(stored));
  papers.onStored(() => pageCache.invalidate());
  const personal = createPersonalServices({ db, clock, search });
  // Savers hear of a paper's new version, followers of an author's new paper.
  papers.onStored(async (stored, change) => {
    await personal.notifications.papersStored(stored, change);
  });
  const lists = createListsService({ db });
  const trending = createTrendingService({ db, clock, settings: config.trending });
  const community = createCommunityService({
    db,
    clock,
    papers,
    mailer: infra.mailer,
    baseUrl: config.baseUrl,
  });
  const digest = createDigestService({ ...infra, search, personal });
  const ingest = createIngestService({ ...infra, papers });
  const ops: Services['ops'] = {
    storeLabel: db.label,
    storeHealth: (o) => checkStore(db, o),
    outbox: (recentLimit) => outboxOverview(db, recentLimit),
    jobs: createJobRuns(db),
    loadDemoIfEmpty: (progress) => loadDemo({ ...infra, papers, trending }, progress),
  };
  const githubStars: Services['githubStars'] = {
    // Loaded on first use, like the key phrases below: most commands never run them.
    sync: async (batch = config.trending.github.batch) =>
      (await import('./trending/github/github-sync.service.ts')).syncGithubStars(
        db,
        clock,
        logger,
        {
          apiUrl: config.ingest.githubApiUrl,
          token: config.ingest.githubToken,
          batch,
        },
      ),
    prune: async () =>
      (await import('./trending/github/star-history-pruning.ts')).pruneStarHistory(db, clock),
  };
  return {
    digest,
    ingest,
    keywords: {
      refresh: async (o = {}) =>
        (await import('./keywords/keyword.service.ts')).refreshKeywords(db, logger, o),
    },
    githubStars,
    papers,
    search,
    personal,
    pageCache,
    summaries,
    lists,
    trending,
    community,
    keywordFacets: (ids, limit) => keywordFacets(db, ids, limit),
    ops,
  };
}

/** What every command shares: configuration, the open store, a clock, a logger and the services. */
export interface Runtime extends Infrastructure, Services {
  /** This process among the instances sharing the store (host name and process id). */
  instance: string;
  /** This instance's Prometheus metrics (requests, scheduled runs, search state, outbox). */
  metrics: Metrics;
  close(): Promise<void>;
}

/** Opens the store and brings its schema up to date. */
export async function openRuntime(
  config: Readonly<Config>,
  options: {
    clock?: Clock;
    logger?: Logger;
    db?: Db;
    mailer?: Mailer;
    /** How eagerly the built-in semantic model trains (tests train on a handful of papers). */
    semantic?: SemanticTuning;
    /** True for `folio serve`: warnings meant for whoever runs the site (not each CLI command). */
    serving?: boolean;
  } = {},
): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.logLevel);
  if (options.serving && config.database.kind === 'postgres' && !config.secret)
    logger.warn(
      'FOLIO_SECRET is not set: the signing secret is generated once and kept in the database, so anyone who can read the database can forge sign-in cookies and digest links; set FOLIO_SECRET (the same on every instance, at least 32 characters) and keep it out of the database',
    );
  const db = options.db ?? (await openStore(config, logger));
  let secret: string;
  try {
    if (options.db) await prepareStore(db, config, logger);
    secret = await ensureServerSecret(db, config.secret);
  } catch (error) {
    await db.close();
    throw error;
  }
  const mailer = options.mailer ?? createMailer(mailerOptionsFromConfig(config, db));
  const infra: Infrastructure = {
    config,
    db,
    clock: options.clock ?? systemClock,
    logger,
    arxivLimiter: createRateLimiter(config.ingest.arxivDelayMs),
    secret,
    mailer,
  };
  const services = buildServices(infra, options.semantic ? { semantic: options.semantic } : {});
  const metrics = createMetrics({
    search: () => services.search.status(),
    outbox: async () => ({
      digests: await outboxCounts(db),
      mail: (await mailer.outbox?.count()) ?? null,
    }),
  });
  return {
    ...infra,
    ...services,
    instance: `${os.hostname()}:${process.pid}`,
    metrics,
    close: async () => {
      await services.search.close();
      mailer.close();
      await db.close();
    },
  };
}

/**
 * What web, CLI, jobs and MCP receive: every service and setting, but not the store handle, so
 * the compiler refuses a surface that reaches past the services into the store.
 */
export type AppServices = Omit<Runtime, 'db'>;

/** Loads the bundled demo corpus into an empty store; returns how many papers it stored. */
export function loadDemoIfEmpty(runtime: Runtime, progress?: Progress): Promise<number> {
  return runtime.ops.loadDemoIfEmpty(progress);
}

async function loadDemo(
  deps: Infrastructure & Pick<Services, 'papers' | 'trending'>,
  progress?: Progress,
): Promise<number> {
  const { config, db, logger } = deps;
  if (!config.demo.load) return 0;
  if (!fs.existsSync(config.demo.file)) {
    logger.warn({ file: config.demo.file }, 'demo corpus not found; starting with an empty store');
    return 0;
  }
  // A store with papers is left alone, unless it is the demo load itself that was interrupted.
  if ((await countPapers(db.kysely)) > 0 && !(await importUnfinished(db, config.demo.file)))
    return 0;
  logger.info({ file: config.demo.file }, 'loading the demo corpus into the empty store');
  const result = await importJsonl(deps, config.demo.file, progress);
  // Its activity ends on a fixed day: trending windows end there (see trending/data-clock.ts).
  const until = await latestListingDate(db.kysely);
  if (until) await writeDemoDataUntil(db, until);
  await deps.trending.recompute({ full: true });
  logger.info(
    { papers: result.inserted, failed: result.failed.length, dataUntil: until },
    'demo corpus loaded',
  );
  return result.inserted;
}

/** What an import needs from the runtime: papers are stored through the papers service. */
export function importDeps(runtime: Runtime): ImportDeps {
  return { db: runtime.db, clock: runtime.clock, logger: runtime.logger, papers: runtime.papers };
}
