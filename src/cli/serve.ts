import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openRuntime, type AppServices } from '../services.ts';
import { commandClock } from './command-clock.ts';
import { terminalProgress } from './progress-bar.ts';

/** `folio serve` — the web site, API and feeds, plus the scheduled jobs. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the site and run the schedules')
    .option('--no-schedule', 'do not run scheduled jobs in this instance')
    .action(async (options: { schedule: boolean }) => {
      const config = loadConfig();
      // The site and the schedules load only here, so other commands start quickly.
      const [{ serve }, { createApp }, { buildJobs }, { startScheduler }] = await Promise.all([
        import('@hono/node-server'),
        import('../web/app.ts'),
        import('../jobs/jobs.ts'),
        import('../jobs/scheduler.ts'),
      ]);
      const runtime: AppServices = await openRuntime(config, {
        clock: commandClock(),
        serving: true,
      });
      const { logger, ops } = runtime;
      runtime.metrics.collectProcessMetrics();
      const app = createApp(runtime);
      const server = serve(
        { fetch: app.fetch, port: config.port, hostname: config.host },
        (info) => {
          logger.info(
            { url: `http://localhost:${info.port}`, store: ops.storeLabel },
            'Folio is serving',
          );
        },
      );
      // The demo corpus loads after the server is up, so the site answers at once.
      // Semantic search trains and embeds in the background; keyword search answers meanwhile.
      runtime.search.start();
      // Instances starting together on an empty store: one loads the demo, the others skip it
      // and see its papers arrive. Key phrases follow for papers that have none.
      void ops.jobs
        .withLock('demo-load', async () => {
          await ops.loadDemoIfEmpty(terminalProgress('demo corpus', logger));
        })
        .catch((error: unknown) => logger.error({ err: error }, 'loading the demo corpus failed'))
        .then(() =>
          ops.jobs.withLock('keywords', async () => void (await runtime.keywords.refresh())),
        )
        .catch((error: unknown) => logger.error({ err: error }, 'extracting key phrases failed'));
      const stopJobs = options.schedule
        ? startScheduler(ops.jobs, logger, buildJobs(runtime), {
            instance: runtime.instance,
            onTick: runtime.metrics.observeTick,
          })
        : () => undefined;
      const shutdown = (signal: string) => {
        logger.info({ signal }, 'shutting down');
        stopJobs();
        server.close(() => void runtime.close().then(() => process.exit(0)));
        setTimeout(() => process.exit(0), 5000).unref();
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
    });
}
