import cliProgress from 'cli-progress';
import type { Logger } from '../logger.ts';
import type { Progress } from '../ingest/progress.ts';

/**
 * Progress of a long job: a cli-progress bar with rate and ETA on a terminal; otherwise a plain
 * log line with the same figures every `intervalMs` and at the end, so logs stay readable.
 */
export function terminalProgress(
  label: string,
  logger: Logger,
  stream: NodeJS.WriteStream = process.stderr,
  intervalMs = 5000,
): Progress {
  return stream.isTTY ? progressBar(label, stream) : progressLog(label, logger, intervalMs);
}

function progressBar(label: string, stream: NodeJS.WriteStream): Progress {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% · {papers} papers · {rate} papers/s · ETA {eta_formatted}`,
      stream,
      hideCursor: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = Date.now();
  return {
    start: (total) => {
      started = Date.now();
      bar.start(total, 0, { papers: 0, rate: 0 });
    },
    update: (done, info) => {
      const papers = info?.papers ?? 0;
      bar.update(done, { papers, rate: ratePerSecond(papers, started) });
    },
    stop: () => bar.stop(),
  };
}

function progressLog(label: string, logger: Logger, intervalMs: number): Progress {
  let total = 0;
  let started = Date.now();
  let lastLog = started;
  let lastPapers = -1;
  return {
    start: (t) => {
      total = t;
      started = Date.now();
      lastLog = started;
      lastPapers = -1;
    },
    update: (done, info) => {
      const now = Date.now();
      const papers = info?.papers ?? 0;
      const end = total > 0 && done >= total;
      // Every interval, and at the end once per count (the end may be reported more than once).
      if (end ? papers === lastPapers : now - lastLog < intervalMs) return;
      lastLog = now;
      lastPapers = papers;
      const seconds = (now - started) / 1000;
      const fraction = total > 0 ? Math.min(1, done / total) : 0;
      const papersPerSecond = ratePerSecond(papers, started, now);
      const etaSeconds = fraction > 0 ? Math.round((seconds / fraction) * (1 - fraction)) : null;
      const percent = Math.floor(fraction * 100);
      logger.info(
        { percent, papers, papersPerSecond, etaSeconds },
        `${label}: ${percent}% · ${papers} papers · ${papersPerSecond} papers/s · ETA ${etaSeconds === null ? '?' : `${etaSeconds}s`}`,
      );
    },
    stop: () => undefined,
  };
}

function ratePerSecond(count: number, started: number, now = Date.now()): number {
  const seconds = (now - started) / 1000;
  return seconds > 0 ? Math.round(count / seconds) : 0;
}
