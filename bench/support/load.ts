/** HTTP load with autocannon, and in-process request timing. */
import { createRequire } from 'node:module';
import { percentile, round } from './report.ts';

interface Instance {
  on(
    event: 'response',
    fn: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
}
/** What autocannon reports for one run (the fields the benches read). */
export interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p90: number; p97_5: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
type Autocannon = ((options: Record<string, unknown>) => Promise<AutocannonResult> & Instance) & {
  (
    options: Record<string, unknown>,
    done: (err: Error | null, result: AutocannonResult) => void,
  ): Instance;
};
/** autocannon, typed (it ships no types of its own). */
export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** autocannon over one URL, keeping every response time so p95 is exact (autocannon reports p97.5). */
export function loadExact(url: string, connections: number, duration: number) {
  return new Promise<{ rps: number; p50: number; p95: number; errors: number }>(
    (resolve, reject) => {
      const times: number[] = [];
      // As HTTP clients do (browsers, requests, fetch): ask for a compressed body.
      const headers = { 'accept-encoding': 'gzip' };
      const instance = autocannon({ url, connections, duration, headers }, (err, result) => {
        if (err) return reject(err);
        resolve({
          rps: Math.round(result.requests.average),
          p50: round(percentile(times, 50)),
          p95: round(percentile(times, 95)),
          errors: result.errors + result.timeouts + result.non2xx,
        });
      });
      instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
    },
  );
}

/** An in-process app: anything with Hono's `request`. */
export interface RequestTarget {
  request(address: string, init?: RequestInit): Response | Promise<Response>;
}

/** Times `n` in-process requests one at a time (calling `before` ahead of each); throws on a non-200. */
export async function timeRequests(
  app: RequestTarget,
  address: string,
  n: number,
  before: () => void = () => undefined,
  cookie?: string,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    before();
    const t0 = performance.now();
    const res = await app.request(address, cookie ? { headers: { cookie } } : {});
    await res.text();
    times.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${address} answered ${res.status}`);
  }
  return times;
}

/** The body size of `address` after 20 warm-up requests. */
export async function warmUp(app: RequestTarget, address: string): Promise<number> {
  let bytes = 0;
  for (let i = 0; i < 20; i++) bytes = (await (await app.request(address)).text()).length;
  return bytes;
}
