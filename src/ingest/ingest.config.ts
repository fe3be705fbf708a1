import { z } from 'zod';
import { cron, csv, expects } from '../settings/env-schemas.ts';

/** Where papers come from and how politely they are fetched. */
export const ingestEnv = {
  FOLIO_INGEST_CATEGORIES: csv.default(['cs.AI', 'cs.CL', 'cs.CV', 'cs.LG']),
  // arXiv announces at 20:00 US Eastern, Sunday to Thursday; fetch the listings a little after.
  FOLIO_INGEST_SCHEDULE: expects(
    cron.default('30 1 * * 1-5'),
    'a cron expression (UTC) such as "30 1 * * 1-5"',
  ),
  FOLIO_ARXIV_API_URL: expects(z.url().default('https://export.arxiv.org/api/query'), 'a URL'),
  FOLIO_ARXIV_OAI_URL: expects(z.url().default('https://oaipmh.arxiv.org/oai'), 'a URL'),
  FOLIO_ARXIV_RSS_URL: expects(z.url().default('https://rss.arxiv.org/rss'), 'a URL'),
  FOLIO_HF_API_URL: expects(z.url().default('https://huggingface.co/api'), 'a URL'),
  FOLIO_GITHUB_API_URL: expects(z.url().default('https://api.github.com'), 'a URL'),
  FOLIO_GITHUB_TOKEN: z.string().optional(),
  // Milliseconds between requests to arXiv; its terms ask for one request every 3 seconds.
  FOLIO_ARXIV_DELAY_MS: expects(
    z.string().regex(/^\d+$/).transform(Number).default(3000),
    'a whole number of milliseconds, 0 or more',
  ),
};

type IngestEnv = z.output<z.ZodObject<typeof ingestEnv>>;

/** The parsed ingest variables as configuration. */
export function ingestConfig(e: IngestEnv) {
  return Object.freeze({
    categories: e.FOLIO_INGEST_CATEGORIES,
    schedule: e.FOLIO_INGEST_SCHEDULE,
    arxivApiUrl: e.FOLIO_ARXIV_API_URL,
    arxivOaiUrl: e.FOLIO_ARXIV_OAI_URL,
    arxivRssUrl: e.FOLIO_ARXIV_RSS_URL,
    hfApiUrl: e.FOLIO_HF_API_URL,
    githubApiUrl: e.FOLIO_GITHUB_API_URL,
    githubToken: e.FOLIO_GITHUB_TOKEN,
    arxivDelayMs: e.FOLIO_ARXIV_DELAY_MS,
  });
}
