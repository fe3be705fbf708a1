import fs from 'node:fs';
import path from 'node:path';
import { normalizeAddress } from '../mail/address.ts';
import { composeDigest, PeriodCache } from './digest-builder.ts';
import { topicSearchOf, type DigestDeps } from './digest-deps.ts';
import { findSentPapers } from './outbox.repository.ts';
import { findSubscriberByEmail } from './subscriber.repository.ts';

/** Why a preview could not be made, worded for the command line. */
export class PreviewError extends Error {}

/**
 * Builds the digest a subscriber would get now (empty or not) without queuing or recording
 * anything, writes its HTML and text to `outDir`, and returns the two paths.
 */
export async function previewDigest(
  deps: DigestDeps,
  email: string,
  outDir: string,
): Promise<{ html: string; text: string; subject: string; papers: number }> {
  const subscriber = await findSubscriberByEmail(deps.db.kysely, normalizeAddress(email));
  if (!subscriber) throw new PreviewError(`no subscriber with the address ${email}`);
  const now = deps.clock.now();
  const content = await new PeriodCache(deps.db, deps.clock, now).forSubscriber(subscriber);
  if (!content) throw new PreviewError('the store has no listed papers yet');
  const search = topicSearchOf(deps);
  const { keywords, query } = subscriber.topics;
  if (search)
    for (const term of query ? [...keywords, query] : keywords)
      content.searchHits.set(term, await search(term, content));
  const ids = [...content.papers, ...content.trending.map((t) => t.paper)].map((p) => p.paper.id);
  const sent = await findSentPapers(deps.db.kysely, [subscriber.id], ids);
  const always = {
    ...deps,
    config: { ...deps.config, digest: { ...deps.config.digest, sendEmpty: true } },
  };
  const digest = composeDigest(
    always,
    subscriber,
    content,
    sent.get(subscriber.id) ?? new Set(),
    (term) => content.searchHits.get(term) ?? null,
  )!;
  fs.mkdirSync(outDir, { recursive: true });
  const base = path.join(outDir, `digest-${subscriber.id}-${content.key.replace(/[^\w-]/g, '-')}`);
  fs.writeFileSync(`${base}.html`, digest.html);
  fs.writeFileSync(`${base}.txt`, digest.text);
  return {
    html: `${base}.html`,
    text: `${base}.txt`,
    subject: digest.subject,
    papers: digest.paperIds.length,
  };
}
