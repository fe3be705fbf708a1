import { z } from 'zod';

/** Where summaries come from: any OpenAI-compatible chat completions endpoint. */
export interface ChatEndpoint {
  /** The API base, e.g. `http://localhost:11434/v1`; `/chat/completions` is appended. */
  url: string;
  model: string;
  apiKey?: string;
  /** How long one answer may take (default 60 s). */
  timeoutMs?: number;
}

/** A request to the chat endpoint that failed; its message never contains the API key. */
export class ChatCompletionError extends Error {
  /**
   * True when the endpoint refused this request's content (HTTP 400, 413 or 422: say, a paper too
   * long for the model), so other papers may still succeed; false for a fault of the endpoint.
   */
  constructor(
    message: string,
    readonly refusedInput = false,
  ) {
    super(message);
  }
}

const REFUSED_INPUT = new Set([400, 413, 422]);

// Only what Folio reads of an answer; everything else the endpoint sends is ignored.
const completionSchema = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullable().optional() }) }))
    .min(1),
});

/**
 * Sends a system prompt and one user message to the endpoint and returns the assistant's text.
 * Throws `ChatCompletionError` for a failed connection, a timeout, an HTTP error or an answer
 * that is not a chat completion; messages name the endpoint without credentials and mask the key.
 */
export async function completeChat(
  endpoint: ChatEndpoint,
  messages: { system: string; user: string },
  options: { maxTokens: number },
): Promise<string> {
  const where = describeEndpoint(endpoint.url);
  const fail = (reason: string, refusedInput = false) =>
    new ChatCompletionError(maskKey(`${where}: ${reason}`, endpoint.apiKey), refusedInput);
  let res: Response;
  try {
    res = await fetch(completionsUrl(endpoint.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: endpoint.model,
        temperature: 0.2,
        max_tokens: options.maxTokens,
        messages: [
          { role: 'system', content: messages.system },
          { role: 'user', content: messages.user },
        ],
      }),
      signal: AbortSignal.timeout(endpoint.timeoutMs ?? 60_000),
    });
  } catch (error) {
    throw fail(requestFailure(error));
  }
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    throw fail(requestFailure(error));
  }
  if (!res.ok) throw fail(`HTTP ${res.status}${errorDetail(text)}`, REFUSED_INPUT.has(res.status));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw fail('the answer is not JSON');
  }
  const parsed = completionSchema.safeParse(body);
  if (!parsed.success) throw fail('the answer is not a chat completion (no choices[0].message)');
  const content = parsed.data.choices[0]!.message.content;
  if (typeof content !== 'string') throw fail('the answer has no message content');
  return content;
}

function requestFailure(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return 'no answer in time';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  return `request failed${cause ? ` (${cause})` : ''}`;
}

// OpenAI-style errors say why in `error.message`; a short excerpt helps the operator.
function errorDetail(text: string): string {
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } })?.error?.message;
    if (typeof message === 'string' && message.trim())
      return `: ${message.replace(/\s+/g, ' ').trim().slice(0, 200)}`;
  } catch {
    // Not JSON: the status says enough.
  }
  return '';
}

// The path goes after the base's own path; a query (some gateways take their key there) is kept.
function completionsUrl(base: string): URL {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/chat/completions`;
  return url;
}

/** The endpoint's origin and path, without credentials or query (a key may hide in either). */
export function describeEndpoint(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return 'the summary endpoint';
  }
}

function maskKey(text: string, key: string | undefined): string {
  return key && key.length >= 4 ? text.split(key).join('***') : text;
}
