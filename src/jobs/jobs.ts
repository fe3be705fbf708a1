import type { Runtime } from '../runtime.ts';
import type { Job } from './scheduler.ts';

/** The jobs `folio serve` runs, built from the runtime. */
export function buildJobs(_runtime: Runtime): Job[] {
  return [];
}
