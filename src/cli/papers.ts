import type { Command } from 'commander';
import { parseArxivId } from '../domain/arxiv-id.ts';
import {
  dayPeriod,
  InvalidPeriodError,
  monthPeriod,
  weekPeriod,
  type Period,
} from '../domain/periods.ts';
import type { Paper } from '../domain/paper.ts';
import { findPaper, latestListingDate, listByListingDays } from '../papers/paper.repository.ts';
import { output, withRuntime } from './context.ts';
import { UsageError } from './exit.ts';

interface LsOptions {
  date?: string;
  week?: string;
  month?: string;
  limit: string;
  json?: boolean;
}

/** `folio papers ls|show` — read the lists and papers in the store. */
export function registerPapers(program: Command): Command {
  const papers = program.command('papers').description('list and show papers');
  papers
    .command('ls')
    .description("list a day's, week's or month's papers (the latest day by default)")
    .option('--date <YYYY-MM-DD>', 'one listing day')
    .option('--week <YYYY-Www>', 'an ISO week, e.g. 2026-W12')
    .option('--month <YYYY-MM>', 'a month')
    .option('--limit <n>', 'at most this many papers', '50')
    .option('--json', 'print JSON')
    .action((options: LsOptions) =>
      withRuntime(async ({ db }) => {
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
          throw new UsageError('--limit: expected a whole number from 1 to 10000');
        const period = await pickPeriod(options, () => latestListingDate(db.kysely));
        const list = period
          ? await listByListingDays(db.kysely, period.from, period.to, limit)
          : [];
        output(Boolean(options.json), list, () =>
          list.length === 0
            ? 'no papers'
            : list.map((p) => `${p.id}  ${p.listingDate ?? ''}  ${p.title}`).join('\n'),
        );
      }),
    );
  papers
    .command('show')
    .description('show one paper')
    .argument('<id>', 'arXiv id or URL')
    .option('--json', 'print JSON')
    .action((input: string, options: { json?: boolean }) =>
      withRuntime(async ({ db }) => {
        const parsed = parseArxivId(input);
        if (!parsed) throw new UsageError(`not an arXiv id: ${input}`);
        const paper = await findPaper(db.kysely, parsed.id);
        if (!paper) {
          process.stderr.write(`paper ${parsed.id} is not in the store\n`);
          process.exitCode = 1;
          return;
        }
        output(Boolean(options.json), paper, () => describePaper(paper));
      }),
    );
  return papers;
}

async function pickPeriod(
  options: LsOptions,
  latest: () => Promise<string | null>,
): Promise<Period | null> {
  const given = [options.date, options.week, options.month].filter(Boolean).length;
  if (given > 1) throw new UsageError('give at most one of --date, --week and --month');
  try {
    if (options.date) return dayPeriod(options.date);
    if (options.week) return weekPeriod(options.week);
    if (options.month) return monthPeriod(options.month);
  } catch (error) {
    if (error instanceof InvalidPeriodError) throw new UsageError(error.message);
    throw error;
  }
  const day = await latest();
  return day ? dayPeriod(day) : null;
}

/** A paper as plain text for the terminal. */
export function describePaper(p: Paper): string {
  return [
    `${p.title}`,
    `${p.authors.join(', ')}`,
    `arXiv:${p.id}v${p.version} [${p.categories.join(', ')}]  listed ${p.listingDate ?? '?'}  published ${p.publishedAt?.slice(0, 10) ?? '?'}`,
    p.codeRepo ? `code: ${p.codeRepo}` : '',
    p.comment ? `comment: ${p.comment}` : '',
    '',
    p.abstract,
  ]
    .filter((line, i) => line !== '' || i === 5)
    .join('\n');
}
