import { z } from 'zod';
import { databaseConfig, databaseEnv } from './db/database.config.ts';
import { digestConfig, digestEnv } from './digest/digest.config.ts';
import { ingestConfig, ingestEnv } from './ingest/ingest.config.ts';
import { mailConfig, mailEnv } from './mail/mail.config.ts';
import { embeddingsConfig, searchEnv } from './search/search.config.ts';
import { ConfigError } from './settings/config-error.ts';
import { coreConfig, coreEnv } from './settings/core.config.ts';
import { expectedOf } from './settings/env-schemas.ts';
import { summariesEnv, summaryConfig } from './summaries/summaries.config.ts';
import { trendingConfig, trendingEnv } from './trending/trending.config.ts';
import { httpConfig, httpEnv } from './web/http.config.ts';

export { ConfigError };
export type { Weekday } from './digest/digest.config.ts';

/**
 * The environment variables Folio reads: each feature declares its own (`*.config.ts`, with
 * defaults and what each takes) and builds its part of the configuration from them.
 */
const envSchema = z.object({
  ...coreEnv,
  ...databaseEnv,
  ...httpEnv,
  ...ingestEnv,
  ...mailEnv,
  ...digestEnv,
  ...trendingEnv,
  ...searchEnv,
  ...summariesEnv,
});

/** The environment read into the configuration, one feature's part at a time. */
const configSchema = envSchema.transform((e) => {
  const core = coreConfig(e);
  return {
    ...core,
    ...databaseConfig(e, core.dataDir),
    ...httpConfig(e),
    ingest: ingestConfig(e),
    mail: mailConfig(e),
    digest: digestConfig(e),
    trending: trendingConfig(e),
    embeddings: embeddingsConfig(e),
    summary: summaryConfig(e),
  };
});

export type Env = z.input<typeof envSchema>;
/** Every variable the configuration reads. */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape) as (keyof Env)[];
/** Folio's configuration: derived from what the feature fragments build, never written twice. */
export type Config = z.output<typeof configSchema>;

/** Parses the environment once into a frozen configuration; throws ConfigError on the first bad variable. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
): Readonly<Config> {
  const picked = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('FOLIO_') && v !== undefined),
  );
  const parsed = configSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(variable, describeIssue(variable, issue));
  }
  return Object.freeze(parsed.data);
}

function describeIssue(variable: string, issue: z.core.$ZodIssue): string {
  // zod's own wording ("Invalid input: expected number, received NaN") says little to an
  // operator; each variable can say in plain words what it takes.
  const expected = expectedOf(envSchema.shape[variable as keyof Env]);
  if (expected) return expected;
  if (issue.code === 'invalid_value') return `one of ${issue.values.map(String).join(', ')}`;
  return issue.message;
}
