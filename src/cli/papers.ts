import type { Command } from 'commander';
import { parseArxivId } from '../domain/arxiv-id.ts';
import type { ListedPaper } from '../domain/listed-paper.ts';
import type { Paper } from '../domain/paper.ts';
import { dayPeriod, type Period } from '../domain/periods.ts';
import { periodSchema, type PeriodKind } from '../papers/list-query.ts';
import { output, withRuntime } from './context.ts';
import { UsageError } from './exit.ts';
import { listFromSource, registerPaperReaders } from './papers-read.ts';

interface LsOptions {
  date?: string;
  week?: string;
  month?: string;
  limit: string;
  json?: boolean;
  sort?: string;
  server?: string;
}

/** `folio papers ls|show` — read the lists and papers in the store. */
export function registerPapers(program: Command): Command {
  const papers = program.command('papers').description('list and show papers');
  papers
    .command('ls')
    .description("list a day's, week's or month's papers (the latest listing day by default)")
    .option('--date <YYYY-MM-DD>', 'one listing day')
    .option('--week <YYYY-Www>', 'an ISO week, e.g. 2026-W12')
    .option('--month <YYYY-MM>', 'a month')
    .option('--limit <n>', 'at most this many papers (1 to 10000)', '50')
    .option('--json', 'print JSON')
    .option('--sort <order>', 'upvotes (the list order) or trending (what is trending now)')
    .option('--server <url>', 'ask a remote Folio over its API instead of the local store')
    .action((options: LsOptions) => {
      // Usage is checked before the store is opened, so a typo costs nothing.
      const limit = parseLimit(options.limit);
      const chosen = choosePeriod(options);
      if (options.sort !== undefined || options.server !== undefined)
        return listFromSource(options, chosen, limit);
      return withRuntime(async ({ lists, papers }) => {
        const latest = chosen ? null : await papers.latestListingDate();
        const period = chosen ?? (latest ? dayPeriod(latest) : null);
        const list = period ? await lists.list(period, { limit }) : [];
        const total = period ? await lists.count(period) : 0;
        output(Boolean(options.json), { period, total, papers: list.map(listedJson) }, () =>
          describeList(period, list, total),
        );
      });
    });
  papers
    .command('show')
    .description('show one paper')
    .argument('<id>', 'arXiv id in any form: 2401.12345v2, arXiv:…, an abs/pdf/html URL')
    .option('--json', 'print JSON')
    .action((input: string, options: { json?: boolean }) => {
      const parsed = parseArxivId(input);
      if (!parsed) throw new UsageError(`not an arXiv id: ${JSON.stringify(input.slice(0, 100))}`);
      return withRuntime(async ({ papers }) => {
        const details = await papers.paperDetails(parsed.id, null);
        if (!details) {
          process.stderr.write(`folio: paper ${parsed.id} is not in the store\n`);
          process.exitCode = 1;
          return;
        }
        output(Boolean(options.json), details.paper, () => describePaper(details.paper));
      });
    });
  registerPaperReaders(papers);
  return papers;
}

function parseLimit(text: string): number {
  const limit = Number(text);
  if (!/^\d+$/.test(text) || limit < 1 || limit > 10_000)
    throw new UsageError(
      `--limit: expected a whole number from 1 to 10000, got ${JSON.stringify(text)}`,
    );
  return limit;
}

function choosePeriod(options: LsOptions): Period | null {
  const given = [options.date, options.week, options.month].filter((v) => v !== undefined).length;
  if (given > 1) throw new UsageError('give at most one of --date, --week and --month');
  const asked: [PeriodKind, string | undefined][] = [
    ['day', options.date],
    ['week', options.week],
    ['month', options.month],
  ];
  for (const [kind, text] of asked) {
    if (text === undefined) continue;
    // The period schema the site's addresses and the APIs use.
    const parsed = periodSchema(kind).safeParse(text);
    if (!parsed.success) throw new UsageError(parsed.error.issues[0]!.message);
    return parsed.data;
  }
  return null;
}

function listedJson(listed: ListedPaper) {
  return {
    ...listed.paper,
    day: listed.day,
    upvotes: listed.upvotes,
    numComments: listed.numComments,
    submitter: listed.submitter?.name ?? null,
    featured: listed.featured,
  };
}

function describeList(period: Period | null, list: ListedPaper[], total: number): string {
  if (!period) return 'no papers in the store';
  const shown = list.length < total ? `${list.length} of ${total}` : `${total}`;
  const header = `${period.label}: ${shown} paper${total === 1 ? '' : 's'}`;
  if (list.length === 0) return header;
  const width = Math.max(...list.map((l) => String(l.upvotes).length));
  return [
    header,
    ...list.map(
      (l) =>
        `${String(l.upvotes).padStart(width)}▲  ${l.paper.id.padEnd(10)}  ${l.day}  ${l.paper.title}`,
    ),
  ].join('\n');
}

/** A paper as plain text for the terminal. */
export function describePaper(p: Paper): string {
  const lines = [
    p.title,
    p.authors.join(', '),
    `arXiv:${p.id}v${p.version} [${p.categories.join(', ')}]  listed ${p.listingDate ?? '?'}  published ${p.publishedAt?.slice(0, 10) ?? '?'}`,
    p.codeRepo ? `code: ${p.codeRepo}` : null,
    p.projectPage ? `project page: ${p.projectPage}` : null,
    p.comment ? `comment: ${p.comment}` : null,
    p.journalRef ? `journal: ${p.journalRef}` : null,
    p.doi ? `doi: ${p.doi}` : null,
  ].filter((line): line is string => line !== null && line !== '');
  return [...lines, '', p.abstract].join('\n');
}
