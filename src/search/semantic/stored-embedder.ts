import type { Config } from '../../config.ts';
import { BUILTIN_KIND, BuiltinEmbedder } from '../embed/builtin-embedder.ts';
import type { Embedder } from '../embed/embedder.ts';
import { LsaModel } from '../embed/lsa-model.ts';
import { OPENAI_KIND, OpenAiEmbedder } from '../embed/openai-embedder.ts';
import type { ModelRecord } from './embedding.repository.ts';

/**
 * The embedder of a stored model: the built-in model from its bytes, or the endpoint it names
 * (with the configured key when the configuration still uses an endpoint). Null for a kind this
 * version does not know.
 */
export function embedderFor(model: ModelRecord, wanted: Config['embeddings']): Embedder | null {
  if (model.kind === BUILTIN_KIND && model.data) {
    return new BuiltinEmbedder(LsaModel.fromBytes(model.data), model.id);
  }
  if (model.kind === OPENAI_KIND) {
    const embedder = new OpenAiEmbedder({
      url: String(model.params.url),
      model: String(model.params.model),
      apiKey: wanted.embedder === 'openai' ? wanted.apiKey : undefined,
    });
    embedder.dims = model.dims;
    return embedder;
  }
  return null;
}
