import { z } from 'zod';
import { ConfigError } from '../settings/config-error.ts';

/** Which embedder semantic search uses. */
export const searchEnv = {
  FOLIO_EMBEDDER: z.enum(['builtin', 'openai']).default('builtin'),
  FOLIO_EMBEDDINGS_URL: z.url({ protocol: /^https?$/ }).optional(),
  FOLIO_EMBEDDINGS_MODEL: z.string().min(1).optional(),
  FOLIO_EMBEDDINGS_API_KEY: z.string().optional(),
};

/** Which embedder semantic search uses; `openai` is any OpenAI-compatible /v1/embeddings. */
export interface EmbeddingsConfig {
  embedder: 'builtin' | 'openai';
  url?: string;
  model?: string;
  apiKey?: string;
}

type SearchEnv = z.output<z.ZodObject<typeof searchEnv>>;

/** The parsed embedder variables as configuration. */
export function embeddingsConfig(e: SearchEnv): Readonly<EmbeddingsConfig> {
  if (e.FOLIO_EMBEDDER === 'builtin') return Object.freeze({ embedder: 'builtin' });
  if (!e.FOLIO_EMBEDDINGS_URL)
    throw new ConfigError('FOLIO_EMBEDDINGS_URL', 'an http(s) URL when FOLIO_EMBEDDER=openai');
  if (!e.FOLIO_EMBEDDINGS_MODEL)
    throw new ConfigError('FOLIO_EMBEDDINGS_MODEL', 'a model name when FOLIO_EMBEDDER=openai');
  return Object.freeze({
    embedder: 'openai',
    url: e.FOLIO_EMBEDDINGS_URL,
    model: e.FOLIO_EMBEDDINGS_MODEL,
    apiKey: e.FOLIO_EMBEDDINGS_API_KEY,
  });
}
