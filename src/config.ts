import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** The environment variables Folio reads, with their defaults. */
const envSchema = z.object({
  FOLIO_DATA_DIR: z.string().min(1).default('./data'),
  FOLIO_DATABASE_URL: z
    .string()
    .min(1)
    .refine(
      (v) => !/^[a-z]+:\/\//i.test(v) || /^postgres(ql)?:\/\//i.test(v),
      'a SQLite file path or a postgres:// URL',
    )
    .optional(),
  FOLIO_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  FOLIO_HOST: z.string().min(1).default('0.0.0.0'),
  FOLIO_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  FOLIO_OFFLINE: bool.default(false),
  FOLIO_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  FOLIO_INGEST_CATEGORIES: csv.default(['cs.AI', 'cs.CL', 'cs.CV', 'cs.LG']),
  // arXiv announces at 20:00 US Eastern, Sunday to Thursday; fetch the listings a little after.
  FOLIO_INGEST_SCHEDULE: z
    .string()
    .regex(/^(\S+\s+){4,5}\S+$/, 'a cron expression such as "30 1 * * 1-5"')
    .default('30 1 * * 1-5'),
  FOLIO_ARXIV_API_URL: z.url().default('https://export.arxiv.org/api/query'),
  FOLIO_ARXIV_OAI_URL: z.url().default('https://oaipmh.arxiv.org/oai'),
  FOLIO_ARXIV_RSS_URL: z.url().default('https://rss.arxiv.org/rss'),
  FOLIO_HF_API_URL: z.url().default('https://huggingface.co/api'),
  FOLIO_GITHUB_API_URL: z.url().default('https://api.github.com'),
  FOLIO_GITHUB_TOKEN: z.string().optional(),
  // Milliseconds between requests to arXiv; its terms ask for one request every 3 seconds.
  FOLIO_ARXIV_DELAY_MS: z.coerce.number().int().min(0).default(3000),
  FOLIO_DEMO_CORPUS: z.string().optional(),
  FOLIO_LOAD_DEMO: bool.default(true),
  FOLIO_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  FOLIO_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL')
    .optional(),
  FOLIO_MAIL_FROM: z.string().min(3).default('Folio <folio@localhost>'),
  FOLIO_CURATORS: z.string().default('the curators'),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  port: number;
  host: string;
  baseUrl: string;
  offline: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  ingest: {
    categories: string[];
    schedule: string;
    arxivApiUrl: string;
    arxivOaiUrl: string;
    arxivRssUrl: string;
    hfApiUrl: string;
    githubApiUrl: string;
    githubToken: string | undefined;
    arxivDelayMs: number;
  };
  demo: { load: boolean; file: string };
  secret: string | undefined;
  mail: { smtpUrl: string | undefined; from: string };
  curators: string;
}

/** A configuration value that does not fit, named so that start-up can say which. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`${variable}: expected ${expected}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_DEMO = path.resolve(import.meta.dirname, '..', 'demo', 'papers.jsonl.gz');

/** Parses the environment once into a frozen configuration; throws ConfigError on the first bad variable. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
): Readonly<Config> {
  const picked = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('FOLIO_') && v !== undefined),
  );
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(variable, describeIssue(issue));
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.FOLIO_DATA_DIR);
  const dbUrl = e.FOLIO_DATABASE_URL;
  const database: Config['database'] =
    dbUrl && /^postgres(ql)?:\/\//i.test(dbUrl)
      ? { kind: 'postgres', url: dbUrl }
      : {
          kind: 'sqlite',
          file: dbUrl
            ? path.resolve(dbUrl.replace(/^sqlite:/, ''))
            : path.join(dataDir, 'folio.db'),
        };
  const port = e.FOLIO_PORT;
  return Object.freeze({
    dataDir,
    database,
    port,
    host: e.FOLIO_HOST,
    baseUrl: (e.FOLIO_BASE_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    offline: e.FOLIO_OFFLINE,
    logLevel: e.FOLIO_LOG_LEVEL,
    ingest: Object.freeze({
      categories: e.FOLIO_INGEST_CATEGORIES,
      schedule: e.FOLIO_INGEST_SCHEDULE,
      arxivApiUrl: e.FOLIO_ARXIV_API_URL,
      arxivOaiUrl: e.FOLIO_ARXIV_OAI_URL,
      arxivRssUrl: e.FOLIO_ARXIV_RSS_URL,
      hfApiUrl: e.FOLIO_HF_API_URL,
      githubApiUrl: e.FOLIO_GITHUB_API_URL,
      githubToken: e.FOLIO_GITHUB_TOKEN,
      arxivDelayMs: e.FOLIO_ARXIV_DELAY_MS,
    }),
    demo: Object.freeze({ load: e.FOLIO_LOAD_DEMO, file: e.FOLIO_DEMO_CORPUS ?? DEFAULT_DEMO }),
    secret: e.FOLIO_SECRET,
    mail: Object.freeze({ smtpUrl: e.FOLIO_SMTP_URL, from: e.FOLIO_MAIL_FROM }),
    curators: e.FOLIO_CURATORS,
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // Custom refinements carry our own wording; built-in ones get a short plain description.
  if (issue.code === 'custom' || issue.code === 'invalid_format') return issue.message;
  if (issue.code === 'invalid_value') return `one of ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'too_small' || issue.code === 'too_big' || issue.code === 'invalid_type')
    return issue.message;
  return issue.message;
}
