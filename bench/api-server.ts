/**
 * The site as `folio serve` builds it, without its background work (schedules, semantic
 * indexing), so the API bench measures request handling alone on a machine with few cores.
 */
import { serve } from '@hono/node-server';
import { loadConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { openRuntime } from '../src/services.ts';
import { createApp } from '../src/web/app.ts';

const config = loadConfig();
const runtime = await openRuntime(config, { logger: silentLogger });
serve({ fetch: createApp(runtime).fetch, port: config.port, hostname: config.host });
