import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import type { GeneratedSummary } from '../domain/generated-summary.ts';
import type { Logger } from '../logger.ts';
import {
  ChatCompletionError,
  completeChat,
  describeEndpoint,
  type ChatEndpoint,
} from './chat-completion.ts';
import { findSummary, insertSummary, papersWithoutSummary } from './summary.repository.ts';

export type { ChatEndpoint };

/** The instruction sent with every paper (documented in the README). */
export const SUMMARY_PROMPT =
  'Summarize this research paper in one plain sentence of at most 40 words for a researcher scanning a list. Do not start with "This paper". Answer with the sentence only.';

/** What is sent of a paper: its title and abstract, cut to this many characters. */
const MAX_INPUT_CHARS = 6000;
const MAX_SUMMARY_CHARS = 600;
/** How long a paper the endpoint refused, or answered with nothing, waits before it is asked again. */
const RETRY_REFUSED_MS = 24 * 60 * 60 * 1000;

/** What one round did: summaries written, and the reason it stopped early (null when it did not). */
export interface SummaryRound {
  written: number;
  failure: string | null;
}

export interface SummariesService {
  /** True when a chat endpoint is configured (FOLIO_SUMMARY_URL); off by default. */
  readonly enabled: boolean;
  /** The paper's generated summary, or null. */
  summaryOf(paperId: string): Promise<GeneratedSummary | null>;
  /**
   * Asks the endpoint for a one-sentence summary of each of up to `batch` of the newest papers
   * without one, one request at a time, and stores each with the model's name. The first failed
   * request ends the round (logged with its reason, never the key): the rest wait for the next.
   * A paper whose content the endpoint refuses (or answers with nothing) is skipped for a day
   * instead, so one paper cannot hold back all the others.
   */
  summarizeMissing(batch?: number): Promise<SummaryRound>;
}

/** Builds the summaries service; `endpoint` null leaves generation off (reads still work). */
export function createSummariesService(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  endpoint: ChatEndpoint | null;
}): SummariesService {
  const { db, clock, logger, endpoint } = deps;
  // Papers set aside, with when they may be asked again (in memory: a restart retries them).
  const setAside = new Map<string, number>();
  const waiting = (paperId: string) => (setAside.get(paperId) ?? 0) > clock.now().getTime();
  const setAsideForADay = (paperId: string) =>
    setAside.set(paperId, clock.now().getTime() + RETRY_REFUSED_MS);
  return {
    enabled: endpoint !== null,
    async summaryOf(paperId) {
      const row = await findSummary(db.kysely, paperId);
      return row ? { text: row.summary, model: row.model, createdAt: row.created_at } : null;
    },
    async summarizeMissing(batch = 20) {
      if (!endpoint) return { written: 0, failure: 'no summary endpoint is configured' };
      let written = 0;
      const candidates = await papersWithoutSummary(db.kysely, batch + setAside.size);
      for (const paper of candidates.filter((p) => !waiting(p.id)).slice(0, batch)) {
        let text: string;
        try {
          const input = `${paper.title}\n\n${paper.abstract}`.slice(0, MAX_INPUT_CHARS);
          text = cleanSummary(
            await completeChat(
              endpoint,
              { system: SUMMARY_PROMPT, user: input },
              { maxTokens: 160 },
            ),
          );
        } catch (error) {
          if (!(error instanceof ChatCompletionError)) throw error;
          if (error.refusedInput) {
            setAsideForADay(paper.id);
            logger.warn(
              { paper: paper.id, reason: error.message },
              'summary refused for this paper; it waits a day, the others go on',
            );
            continue;
          }
          logger.warn(
            { paper: paper.id, written, reason: error.message },
            'summary request failed; the rest wait for the next round',
          );
          return { written, failure: error.message };
        }
        if (!text) {
          // An empty answer is the model's, not the endpoint's: try the next paper.
          setAsideForADay(paper.id);
          logger.warn(
            { paper: paper.id, endpoint: describeEndpoint(endpoint.url) },
            'empty summary',
          );
          continue;
        }
        await insertSummary(db.kysely, {
          paperId: paper.id,
          summary: text,
          model: endpoint.model,
          at: clock.now().toISOString(),
        });
        written++;
      }
      if (written > 0) logger.info({ written, model: endpoint.model }, 'summaries written');
      return { written, failure: null };
    },
  };
}

/** One line of plain text: reasoning blocks some models emit dropped, whitespace folded, length capped. */
export function cleanSummary(content: string): string {
  const text = content
    .replace(/<think>[\s\S]*?<\/think>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX_SUMMARY_CHARS ? `${text.slice(0, MAX_SUMMARY_CHARS - 1)}…` : text;
}
