import { z } from 'zod';
import { ConfigError } from '../settings/config-error.ts';

/** Generated summaries from an OpenAI-compatible chat endpoint (off unless configured). */
export const summariesEnv = {
  FOLIO_SUMMARY_URL: z.url({ protocol: /^https?$/ }).optional(),
  FOLIO_SUMMARY_MODEL: z.string().min(1).optional(),
  FOLIO_SUMMARY_API_KEY: z.string().optional(),
};

type SummariesEnv = z.output<z.ZodObject<typeof summariesEnv>>;

/** The summary endpoint, or null (off) when FOLIO_SUMMARY_URL is unset. */
export function summaryConfig(
  e: SummariesEnv,
): Readonly<{ url: string; model: string; apiKey?: string }> | null {
  if (!e.FOLIO_SUMMARY_URL) return null;
  if (!e.FOLIO_SUMMARY_MODEL)
    throw new ConfigError('FOLIO_SUMMARY_MODEL', 'a model name when FOLIO_SUMMARY_URL is set');
  return Object.freeze({
    url: e.FOLIO_SUMMARY_URL,
    model: e.FOLIO_SUMMARY_MODEL,
    ...(e.FOLIO_SUMMARY_API_KEY ? { apiKey: e.FOLIO_SUMMARY_API_KEY } : {}),
  });
}
