import cliProgress from 'cli-progress';
import type { Logger } from '../logger.ts';
import type { Progress } from '../ingest/progress.ts';

/** A progress bar with rate and ETA on a terminal; plain log lines every few seconds otherwise. */
export function terminalProgress(
  label: string,
  logger: Logger,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% · {papers} papers · {rate} papers/s · ETA {eta_formatted}`,
        stream,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    const started = Date.now();
    return {
      start: (total) => bar.start(total, 0, { papers: 0, rate: 0 }),
      update: (done, info) => {
        const papers = info?.papers ?? 0;
        const seconds = (Date.now() - started) / 1000;
        bar.update(done, { papers, rate: seconds > 0 ? Math.round(papers / seconds) : 0 });
      },
      stop: () => bar.stop(),
    };
  }
  let total = 0;
  let lastLog = 0;
  const started = Date.now();
  return {
    start: (t) => {
      total = t;
    },
    update: (done, info) => {
      const now = Date.now();
      if (now - lastLog < 5000 && done < total) return;
      lastLog = now;
      const seconds = (now - started) / 1000;
      const fraction = total > 0 ? done / total : 0;
      const papers = info?.papers ?? 0;
      logger.info(
        {
          percent: Math.round(fraction * 100),
          papers,
          papersPerSecond: seconds > 0 ? Math.round(papers / seconds) : 0,
          etaSeconds: fraction > 0 ? Math.round((seconds / fraction) * (1 - fraction)) : null,
        },
        `${label} progress`,
      );
    },
    stop: () => undefined,
  };
}
