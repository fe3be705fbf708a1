// Worker bootstrap: registers tsx in this thread (loader hooks are per thread on Node 20, and a
// worker's own `--import tsx` runs too late for its entry), then loads the TypeScript entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
