import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SearchStatus } from '../search/search.types.ts';

/** What the gauges read when scraped: current search state and outbox counts. */
export interface MetricSources {
  search(): SearchStatus;
  /** Digests by status, and messages kept in the database outbox (null when mail is elsewhere). */
  outbox(): Promise<{ digests: Record<string, number>; mail: number | null }>;
}

/** One instance's Prometheus metrics (its own registry: no global state). */
export interface Metrics {
  readonly registry: Registry;
  /** Counts one answered request and its latency under its route pattern (never the raw path). */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** Counts one scheduled tick of a job on this instance by what became of it. */
  observeTick(job: string, outcome: string, seconds: number): void;
  /** Adds the process's CPU, memory, event-loop and GC metrics (once, for a serving process). */
  collectProcessMetrics(): void;
  /** The text exposition format Prometheus scrapes. */
  render(): Promise<string>;
  readonly contentType: string;
}

const KEYWORD_STATES: SearchStatus['keyword'][] = ['ready', 'indexing', 'full-text'];
const SEMANTIC_STATES: SearchStatus['semantic'][] = [
  'off',
  'training',
  'embedding',
  'ready',
  'failed',
];

/** Builds the registry with every Folio metric; gauges read their sources when scraped. */
export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry();
  const requests = new Histogram({
    name: 'folio_http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const ticks = new Counter({
    name: 'folio_job_runs_total',
    help: 'Scheduled ticks seen by this instance, by job and outcome (ok, failed, skipped, claimed-elsewhere)',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  });
  const tickSeconds = new Histogram({
    name: 'folio_job_run_duration_seconds',
    help: 'Time of scheduled ticks on this instance, by job',
    labelNames: ['job'] as const,
    buckets: [0.1, 1, 10, 60, 300, 1800],
    registers: [registry],
  });
  new Gauge({
    name: 'folio_search_keyword_state',
    help: 'Keyword search: 1 for the state it is in (ready, indexing, full-text)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const now = sources.search().keyword;
      for (const state of KEYWORD_STATES) this.set({ state }, state === now ? 1 : 0);
    },
  });
  new Gauge({
    name: 'folio_search_semantic_state',
    help: 'Semantic search: 1 for the state it is in (off, training, embedding, ready, failed)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const now = sources.search().semantic;
      for (const state of SEMANTIC_STATES) this.set({ state }, state === now ? 1 : 0);
    },
  });
  new Gauge({
    name: 'folio_search_vectors_indexed',
    help: 'Vectors in the in-process semantic index',
    registers: [registry],
    collect() {
      this.set(sources.search().indexed);
    },
  });
  new Gauge({
    name: 'folio_search_vectors_pending',
    help: 'Papers still without a vector of the active model',
    registers: [registry],
    collect() {
      this.set(sources.search().pending);
    },
  });
  // Both outbox gauges come from one read of the store per scrape.
  let outboxRead: Promise<Awaited<ReturnType<MetricSources['outbox']>>> | null = null;
  const readOutbox = () => (outboxRead ??= sources.outbox().finally(() => (outboxRead = null)));
  new Gauge({
    name: 'folio_digest_outbox',
    help: 'Digests in the outbox, by delivery status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const { digests } = await readOutbox();
      this.reset();
      for (const [status, count] of Object.entries(digests)) this.set({ status }, count);
    },
  });
  new Gauge({
    name: 'folio_mail_outbox_messages',
    help: 'Messages kept in the database outbox (mail without an SMTP server)',
    registers: [registry],
    async collect() {
      const { mail } = await readOutbox();
      this.set(mail ?? 0);
    },
  });
  let processMetrics = false;
  return {
    registry,
    contentType: registry.contentType,
    observeRequest: (method, route, status, seconds) =>
      requests.observe({ method, route, status: String(status) }, seconds),
    observeTick: (job, outcome, seconds) => {
      ticks.inc({ job, outcome });
      if (outcome === 'ok' || outcome === 'failed') tickSeconds.observe({ job }, seconds);
    },
    collectProcessMetrics: () => {
      if (processMetrics) return;
      processMetrics = true;
      collectDefaultMetrics({ register: registry });
    },
    render: () => registry.metrics(),
  };
}
