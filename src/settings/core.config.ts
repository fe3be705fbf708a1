import path from 'node:path';
import { z } from 'zod';
import { bool, expects } from './env-schemas.ts';

const YES_NO = '1 or 0 (also true/false, yes/no, on/off)';

/** Where data lives, logging, the server secret, the demo corpus: read by every part. */
export const coreEnv = {
  FOLIO_DATA_DIR: expects(z.string().min(1).default('./data'), 'a folder path'),
  FOLIO_OFFLINE: expects(bool.default(false), YES_NO),
  FOLIO_LOG_LEVEL: expects(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    'one of fatal, error, warn, info, debug, trace, silent',
  ),
  FOLIO_SECRET: expects(
    z.string().min(32, 'at least 32 characters').optional(),
    'at least 32 characters',
  ),
  FOLIO_CURATORS: z.string().default('the curators'),
  FOLIO_DEMO_CORPUS: z.string().optional(),
  FOLIO_LOAD_DEMO: expects(bool.default(true), YES_NO),
};

type CoreEnv = z.output<z.ZodObject<typeof coreEnv>>;

const DEFAULT_DEMO = path.resolve(import.meta.dirname, '..', '..', 'demo', 'papers.jsonl.gz');

/** The parsed core variables as configuration. */
export function coreConfig(e: CoreEnv) {
  return {
    dataDir: path.resolve(e.FOLIO_DATA_DIR),
    offline: e.FOLIO_OFFLINE,
    logLevel: e.FOLIO_LOG_LEVEL,
    /** Signs tokens and links; generated once and kept in the store when unset. */
    secret: e.FOLIO_SECRET,
    /** Who puts papers on the lists, as list pages name them. */
    curators: e.FOLIO_CURATORS,
    demo: Object.freeze({ load: e.FOLIO_LOAD_DEMO, file: e.FOLIO_DEMO_CORPUS ?? DEFAULT_DEMO }),
  };
}
