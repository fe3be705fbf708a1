/**
 * The search page against its engine, for bench:web: the same varied queries timed through the
 * search service and through the rendered page (in process, one at a time, nothing cached), and
 * the page under many connections over HTTP with the queries rotating.
 */
import type { Runtime } from '../src/services.ts';
import { autocannon, type RequestTarget } from './support/load.ts';
import { percentile, round } from './support/report.ts';

/** Targets from the search issue: page p95 within 1.5× the engine's; p99 under load ≤ 300 ms. */
export const SEARCH_PAGE_TARGETS = { renderOverEngineP95: 1.5, loadP99Ms: 300 } as const;

/**
 * Varied queries: pairs of title words from papers spread over the store, a few phrases and
 * operators, a misspelling and made-up words (what people type, not one repeated query).
 */
export async function benchQueries(runtime: Runtime, n = 60): Promise<string[]> {
  const rows = await runtime.db.kysely
    .selectFrom('papers')
    .select(['title'])
    .orderBy('pid')
    .limit(n * 50)
    .execute();
  const out: string[] = [];
  for (let i = 0; out.length < n - 6 && i < rows.length; i += 50) {
    const words = (rows[i]!.title.toLowerCase().match(/[a-z]{4,}/g) ?? []).slice(0, 3);
    if (words.length >= 2) out.push(words.slice(0, 2 + (i % 2)).join(' '));
  }
  out.push(
    '"language models"',
    'graph neural networks for molecules',
    'diffusion language models cat:cs.CL',
    'retrieval augmented generation -survey',
    'transfromers',
    'xqzzv blorptang',
  );
  return out;
}

/** Engine and page p95 over the same queries, one request at a time, nothing cached. */
export async function engineVersusPage(
  runtime: Runtime,
  app: RequestTarget,
  queries: string[],
  invalidate: () => void,
  rounds = 3,
) {
  const engine: number[] = [];
  const page: number[] = [];
  const cookie = `folio_visit=1.${Date.now()}`;
  for (const q of queries) {
    await runtime.search.search({ q, limit: 20 });
    await (await app.request(`/papers?q=${encodeURIComponent(q)}`)).text();
  }
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t0 = performance.now();
      await runtime.search.search({ q, limit: 20 });
      engine.push(performance.now() - t0);
      invalidate();
      const t1 = performance.now();
      const res = await app.request(`/papers?q=${encodeURIComponent(q)}`, { headers: { cookie } });
      await res.text();
      page.push(performance.now() - t1);
      if (res.status !== 200) throw new Error(`search page answered ${res.status} for ${q}`);
    }
  }
  const engineP95 = round(percentile(engine, 95));
  const pageP95 = round(percentile(page, 95));
  return {
    queries: queries.length,
    engineP50Ms: round(percentile(engine, 50)),
    engineP95Ms: engineP95,
    pageP50Ms: round(percentile(page, 50)),
    pageP95Ms: pageP95,
    ratioP95: round(pageP95 / Math.max(engineP95, 0.01)),
  };
}

/** The search page over HTTP under `connections`, each request the next of the queries. */
export async function searchUnderLoad(
  baseUrl: string,
  queries: string[],
  connections: number,
  duration: number,
) {
  let next = 0;
  const paths = queries.map((q) => `/papers?q=${encodeURIComponent(q)}`);
  const run = (seconds: number) =>
    autocannon({
      url: baseUrl,
      connections,
      duration: seconds,
      timeout: 10,
      headers: { 'accept-encoding': 'gzip', cookie: `folio_visit=1.${Date.now()}` },
      requests: [
        {
          setupRequest: (req: Record<string, unknown>) => ({
            ...req,
            path: paths[next++ % paths.length],
          }),
        },
      ],
    });
  await run(2); // warm-up
  const r = await run(duration);
  return {
    connections,
    queries: queries.length,
    requestsPerSecond: Math.round(r.requests.average),
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    timeouts: r.timeouts,
    errors: r.errors + r.non2xx,
  };
}
