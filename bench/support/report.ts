/** Figures and results: rounding, percentiles, the machine a run was on, the JSON result file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** `n` rounded to `digits` decimals. */
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The nearest-rank percentile `p` (0–100) of unsorted values. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

/** The machine a run was on, for reading its figures later. */
export function machine() {
  return {
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: os.loadavg().map((n) => round(n)),
  };
}

/** Writes bench/results/<name>.json and returns its path. */
export function writeResult(name: string, value: unknown): string {
  const out = path.resolve(import.meta.dirname, '..', 'results', `${name}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(value, null, 2)}\n`);
  return out;
}
