import type { Command } from 'commander';
import { parseArxivId } from '../domain/arxiv-id.ts';
import { dayOrNull } from '../domain/paper-normalize.ts';
import type { IngestReport } from '../ingest/ingest-report.ts';
import { INGEST_SOURCES } from '../ingest/ingest-sources.ts';
import type { AppServices } from '../services.ts';
import { withRuntime } from './context.ts';
import { UsageError } from './exit.ts';
import { exitCodeOf, printReports } from './ingest-output.ts';

// A first run of a category query would otherwise page through the whole archive at 3 s a page.
const DEFAULT_MAX = 1000;
const collect = (value: string, previous: string[]) => [...previous, value];
// An archive (`cs`, `astro-ph`) or a category (`cs.CV`, `math-ph`, `astro-ph.GA`).
const CATEGORY = /^[a-z][a-z-]*(\.[A-Za-z-]{2,})?$/;

/**
 * `folio ingest arxiv|oai|rss|hf` — fetch papers from arXiv and Hugging Face into the store.
 * Each command reads its flags into the options of a source in the ingest registry and runs it.
 */
export function registerIngest(program: Command): void {
  const ingest = program
    .command('ingest')
    .description('fetch papers from arXiv (query API, OAI-PMH, daily listings) or Hugging Face');

  ingest
    .command('arxiv')
    .description(INGEST_SOURCES.arxiv.description)
    .option('--category <category>', 'an arXiv category, e.g. cs.CV (repeatable)', collect, [])
    .option('--from <day>', 'submitted on or after YYYY-MM-DD')
    .option('--to <day>', 'submitted on or before YYYY-MM-DD')
    .option('--query <query>', "free query in arXiv's syntax, e.g. 'ti:diffusion'")
    .option('--id <id>', 'an arXiv id (repeatable)', collect, [])
    .option('--max <n>', `fetch at most this many papers (default ${DEFAULT_MAX} unless --id)`)
    .option('--json', 'print the result as JSON')
    .action((o: ArxivOptions) => {
      const options = arxivRun(o);
      return run(o.json, (runtime) => runtime.ingest.run('arxiv', options));
    });

  ingest
    .command('oai')
    .description(INGEST_SOURCES.oai.description)
    .option('--from <day>', 'records changed on or after YYYY-MM-DD')
    .option('--until <day>', 'records changed on or before YYYY-MM-DD')
    .option('--set <set>', 'an OAI set, e.g. cs or physics:hep-th')
    .option('--format <format>', 'arXivRaw (with version history) or arXiv', 'arXivRaw')
    .option('--id <id>', 'fetch this one paper with GetRecord instead')
    .option('--json', 'print the result as JSON')
    .action((o: OaiOptions) => {
      const format = oaiFormat(o.format);
      const id = o.id ? arxivId(o.id) : null;
      const harvest = {
        format,
        ...(o.from ? { from: day(o.from, '--from') } : {}),
        ...(o.until ? { until: day(o.until, '--until') } : {}),
        ...(o.set ? { set: o.set } : {}),
      };
      return run(o.json, (runtime) => runtime.ingest.run('oai', id ? { format, id } : harvest));
    });

  ingest
    .command('rss')
    .description(INGEST_SOURCES.rss.description)
    .option('--category <category>', 'an arXiv category or archive (repeatable)', collect, [])
    .option('--json', 'print the result as JSON')
    .action((o: { category: string[]; json?: boolean }) => {
      const given = o.category.map(category);
      return run(o.json, (runtime) =>
        runtime.ingest.run('rss', {
          categories: given.length > 0 ? given : runtime.config.ingest.categories,
        }),
      );
    });

  ingest
    .command('hf')
    .description(INGEST_SOURCES.hf.description)
    .option('--date <day>', 'YYYY-MM-DD')
    .option('--json', 'print the result as JSON')
    .action((o: { date?: string; json?: boolean }) => {
      const date = o.date ? day(o.date, '--date') : null;
      return run(o.json, (runtime) => runtime.ingest.run('hf', { date }));
    });

  for (const command of ingest.commands) command.exitOverride();
}

interface ArxivOptions {
  category: string[];
  from?: string;
  to?: string;
  query?: string;
  id: string[];
  max?: string;
  json?: boolean;
}

interface OaiOptions {
  from?: string;
  until?: string;
  set?: string;
  format: string;
  id?: string;
  json?: boolean;
}

function arxivRun(o: ArxivOptions) {
  const query = {
    ...(o.category.length > 0 ? { categories: o.category.map(category) } : {}),
    ...(o.from ? { from: day(o.from, '--from') } : {}),
    ...(o.to ? { to: day(o.to, '--to') } : {}),
    ...(o.query?.trim() ? { query: o.query.trim() } : {}),
    ...(o.id.length > 0 ? { ids: o.id.map(arxivId) } : {}),
  };
  if (Object.keys(query).length === 0)
    throw new UsageError('say what to fetch: --category, --from/--to, --query or --id');
  if (query.from && query.to && query.from > query.to)
    throw new UsageError(`--from ${query.from} is after --to ${query.to}`);
  const max = o.max !== undefined ? positive(o.max, '--max') : query.ids ? undefined : DEFAULT_MAX;
  return { query, ...(max ? { max } : {}) };
}

/** Runs ingest against the store, prints the reports and sets the exit code from them. */
async function run(
  json: boolean | undefined,
  fn: (runtime: AppServices) => Promise<IngestReport[]>,
): Promise<void> {
  await withRuntime(async (runtime) => {
    const reports = await fn(runtime);
    printReports(reports, json ?? false);
    process.exitCode = exitCodeOf(reports);
  });
}

function day(value: string, option: string): string {
  const valid = dayOrNull(value);
  if (!valid)
    throw new UsageError(`${option}: expected a day YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return valid;
}

function category(value: string): string {
  if (!CATEGORY.test(value))
    throw new UsageError(`not an arXiv category: ${JSON.stringify(value.slice(0, 40))}`);
  return value;
}

function arxivId(value: string): string {
  const parsed = parseArxivId(value);
  if (!parsed) throw new UsageError(`not an arXiv id: ${JSON.stringify(value.slice(0, 80))}`);
  return parsed.version ? `${parsed.id}v${parsed.version}` : parsed.id;
}

function positive(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${option}: expected a positive whole number`);
  return n;
}

function oaiFormat(value: string): 'arXivRaw' | 'arXiv' {
  if (value === 'arXivRaw' || value === 'arXiv') return value;
  throw new UsageError(`--format: expected arXivRaw or arXiv, got ${JSON.stringify(value)}`);
}
