import path from 'node:path';
import { Cron } from 'croner';
import { z } from 'zod';
import { databaseEnv, databaseTuning, type DatabaseTuning } from './db/database.config.ts';
import { httpEnv, trustedProxyConfig, type TrustedProxy } from './web/http.config.ts';
import { trendingConfig, trendingEnv, type TrendingConfig } from './trending/trending.config.ts';

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
  FOLIO_PORT: z
    .string()
    .regex(/^\d{1,5}$/)
    .transform(Number)
    .refine((port) => port <= 65535)
    .default(3000),
  FOLIO_HOST: z.string().min(1).default('0.0.0.0'),
  FOLIO_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  FOLIO_OFFLINE: bool.default(false),
  FOLIO_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  FOLIO_INGEST_CATEGORIES: csv.default(['cs.AI', 'cs.CL', 'cs.CV', 'cs.LG']),
  // arXiv announces at 20:00 US Eastern, Sunday to Thursday; fetch the listings a little after.
  FOLIO_INGEST_SCHEDULE: z.string().refine(isCron).default('30 1 * * 1-5'),
  FOLIO_ARXIV_API_URL: z.url().default('https://export.arxiv.org/api/query'),
  FOLIO_ARXIV_OAI_URL: z.url().default('https://oaipmh.arxiv.org/oai'),
  FOLIO_ARXIV_RSS_URL: z.url().default('https://rss.arxiv.org/rss'),
  FOLIO_HF_API_URL: z.url().default('https://huggingface.co/api'),
  FOLIO_GITHUB_API_URL: z.url().default('https://api.github.com'),
  FOLIO_GITHUB_TOKEN: z.string().optional(),
  // Milliseconds between requests to arXiv; its terms ask for one request every 3 seconds.
  FOLIO_ARXIV_DELAY_MS: z.string().regex(/^\d+$/).transform(Number).default(3000),
  FOLIO_DEMO_CORPUS: z.string().optional(),
  FOLIO_LOAD_DEMO: bool.default(true),
  FOLIO_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  FOLIO_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL')
    .optional(),
  FOLIO_MAIL_FROM: z.string().min(3).default('Folio <folio@localhost>'),
  // DKIM signing of outgoing mail: all three or none.
  FOLIO_DKIM_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'a domain name')
    .optional(),
  FOLIO_DKIM_SELECTOR: z
    .string()
    .regex(/^[a-z0-9._-]+$/i, 'a DKIM selector')
    .optional(),
  FOLIO_DKIM_KEY_FILE: z.string().min(1, 'a PEM private key file').optional(),
  // Messages per second handed to the SMTP server; 0 sends as fast as the server takes them.
  FOLIO_MAIL_RATE: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'messages per second, 0 for no limit')
    .transform(Number)
    .default(20),
  // Local hour (0-23, in each subscriber's time zone) at which digests go out.
  FOLIO_DIGEST_HOUR: z
    .string()
    .regex(/^(1?\d|2[0-3])$/, 'an hour from 0 to 23')
    .transform(Number)
    .default(8),
  FOLIO_DIGEST_WEEKDAY: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']).default('mon'),
  FOLIO_DIGEST_SEND_EMPTY: bool.default(false),
  // How often due digests are queued and the outbox sent (each subscriber's hour is checked then).
  FOLIO_DIGEST_SCHEDULE: z.string().refine(isCron).default('*/15 * * * *'),
  FOLIO_CURATORS: z.string().default('the curators'),
  FOLIO_EMBEDDER: z.enum(['builtin', 'openai']).default('builtin'),
  FOLIO_EMBEDDINGS_URL: z.url({ protocol: /^https?$/ }).optional(),
  FOLIO_EMBEDDINGS_MODEL: z.string().min(1).optional(),
  FOLIO_EMBEDDINGS_API_KEY: z.string().optional(),
  FOLIO_SUMMARY_URL: z.url({ protocol: /^https?$/ }).optional(),
  FOLIO_SUMMARY_MODEL: z.string().min(1).optional(),
  FOLIO_SUMMARY_API_KEY: z.string().optional(),
  ...trendingEnv,
  ...databaseEnv,
  ...httpEnv,
});

export type Env = z.input<typeof envSchema>;

/** What each variable must hold, in the words start-up prints when it does not. */
const EXPECTED: Partial<Record<keyof Env, string>> = {
  FOLIO_DATA_DIR: 'a folder path',
  FOLIO_DATABASE_URL:
    'a SQLite file path or a postgres:// URL, e.g. ./data/folio.db or postgres://user@host/folio',
  FOLIO_PORT: 'a port number from 0 to 65535',
  FOLIO_HOST: 'a host name or address to listen on, e.g. 0.0.0.0',
  FOLIO_BASE_URL: 'an http:// or https:// URL, e.g. https://papers.example.org',
  FOLIO_OFFLINE: '1 or 0 (also true/false, yes/no, on/off)',
  FOLIO_LOAD_DEMO: '1 or 0 (also true/false, yes/no, on/off)',
  FOLIO_LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace, silent',
  FOLIO_INGEST_SCHEDULE: 'a cron expression (UTC) such as "30 1 * * 1-5"',
  FOLIO_DIGEST_SCHEDULE: 'a cron expression (UTC) such as "*/15 * * * *"',
  FOLIO_ARXIV_API_URL: 'a URL',
  FOLIO_ARXIV_OAI_URL: 'a URL',
  FOLIO_ARXIV_RSS_URL: 'a URL',
  FOLIO_HF_API_URL: 'a URL',
  FOLIO_GITHUB_API_URL: 'a URL',
  FOLIO_ARXIV_DELAY_MS: 'a whole number of milliseconds, 0 or more',
  FOLIO_SECRET: 'at least 32 characters',
  FOLIO_SMTP_URL: 'an smtp:// or smtps:// URL',
  FOLIO_MAIL_FROM: 'a sender address such as "Folio <folio@example.org>"',
};

function isCron(expression: string): boolean {
  try {
    // Without a function to run, croner only parses the pattern and schedules nothing.
    new Cron(expression, { timezone: 'UTC' }).stop();
    return true;
  } catch {
    return false;
  }
}

export interface Config {
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  /** Replica, start-up wait and lock wait of the store. */
  databaseTuning: DatabaseTuning;
  /** Whose X-Forwarded-For names the client (rate limits by address). */
  trustedProxy: TrustedProxy;
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
  mail: {
    smtpUrl: string | undefined;
    from: string;
    dkim: { domain: string; selector: string; keyFile: string } | undefined;
    /** Messages per second; 0 means no limit. */
    rate: number;
  };
  digest: { hour: number; weekday: Weekday; sendEmpty: boolean; schedule: string };
  curators: string;
  trending: TrendingConfig;
  /** Which embedder semantic search uses; `openai` is any OpenAI-compatible /v1/embeddings. */
  embeddings: { embedder: 'builtin' | 'openai'; url?: string; model?: string; apiKey?: string };
  /** Generated summaries from an OpenAI-compatible chat endpoint; null (off) unless configured. */
  summary: { url: string; model: string; apiKey?: string } | null;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

function dkimConfig(e: z.output<typeof envSchema>): Config['mail']['dkim'] {
  const parts = [e.FOLIO_DKIM_DOMAIN, e.FOLIO_DKIM_SELECTOR, e.FOLIO_DKIM_KEY_FILE];
  if (parts.every((p) => p === undefined)) return undefined;
  if (!e.FOLIO_DKIM_DOMAIN || !e.FOLIO_DKIM_SELECTOR || !e.FOLIO_DKIM_KEY_FILE) {
    const missing = !e.FOLIO_DKIM_DOMAIN
      ? 'FOLIO_DKIM_DOMAIN'
      : !e.FOLIO_DKIM_SELECTOR
        ? 'FOLIO_DKIM_SELECTOR'
        : 'FOLIO_DKIM_KEY_FILE';
    throw new ConfigError(missing, 'set together with the other FOLIO_DKIM_* variables');
  }
  return Object.freeze({
    domain: e.FOLIO_DKIM_DOMAIN,
    selector: e.FOLIO_DKIM_SELECTOR,
    keyFile: path.resolve(e.FOLIO_DKIM_KEY_FILE),
  });
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
    throw new ConfigError(variable, describeIssue(variable, issue));
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
    databaseTuning: databaseTuning(e),
    trustedProxy: Object.freeze(trustedProxyConfig(e)),
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
    mail: Object.freeze({
      smtpUrl: e.FOLIO_SMTP_URL,
      from: e.FOLIO_MAIL_FROM,
      dkim: dkimConfig(e),
      rate: e.FOLIO_MAIL_RATE,
    }),
    digest: Object.freeze({
      hour: e.FOLIO_DIGEST_HOUR,
      weekday: e.FOLIO_DIGEST_WEEKDAY,
      sendEmpty: e.FOLIO_DIGEST_SEND_EMPTY,
      schedule: e.FOLIO_DIGEST_SCHEDULE,
    }),
    curators: e.FOLIO_CURATORS,
    trending: trendingConfig(e),
    embeddings: Object.freeze(embeddingsConfig(e)),
    summary: summaryConfig(e),
  });
}

function describeIssue(variable: string, issue: z.core.$ZodIssue): string {
  // zod's own wording ("Invalid input: expected number, received NaN") says little to an
  // operator; each variable has a plain description of what it takes.
  const expected = EXPECTED[variable as keyof Env];
  if (expected) return expected;
  if (issue.code === 'invalid_value') return `one of ${issue.values.map(String).join(', ')}`;
  return issue.message;
}

function summaryConfig(e: z.output<typeof envSchema>): Config['summary'] {
  if (!e.FOLIO_SUMMARY_URL) return null;
  if (!e.FOLIO_SUMMARY_MODEL)
    throw new ConfigError('FOLIO_SUMMARY_MODEL', 'a model name when FOLIO_SUMMARY_URL is set');
  return Object.freeze({
    url: e.FOLIO_SUMMARY_URL,
    model: e.FOLIO_SUMMARY_MODEL,
    ...(e.FOLIO_SUMMARY_API_KEY ? { apiKey: e.FOLIO_SUMMARY_API_KEY } : {}),
  });
}

function embeddingsConfig(e: z.output<typeof envSchema>): Config['embeddings'] {
  if (e.FOLIO_EMBEDDER === 'builtin') return { embedder: 'builtin' };
  if (!e.FOLIO_EMBEDDINGS_URL)
    throw new ConfigError('FOLIO_EMBEDDINGS_URL', 'an http(s) URL when FOLIO_EMBEDDER=openai');
  if (!e.FOLIO_EMBEDDINGS_MODEL)
    throw new ConfigError('FOLIO_EMBEDDINGS_MODEL', 'a model name when FOLIO_EMBEDDER=openai');
  return {
    embedder: 'openai',
    url: e.FOLIO_EMBEDDINGS_URL,
    model: e.FOLIO_EMBEDDINGS_MODEL,
    apiKey: e.FOLIO_EMBEDDINGS_API_KEY,
  };
}
