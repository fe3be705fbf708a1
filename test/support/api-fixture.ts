import fs from 'node:fs';
import { createApiToken } from '../../src/community/api-tokens.ts';
import { ensureUser } from '../../src/community/user.service.ts';
import { toggleVote } from '../../src/community/vote.service.ts';
import { addComment } from '../../src/community/comment.service.ts';
import type { DailyEntry } from '../../src/papers/daily-entry.repository.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import type { PaperRecord } from '../../src/domain/paper.ts';
import type { User } from '../../src/community/user.ts';
import type { TestRuntime } from './runtime.ts';
import { sharedFile } from './shared-data.ts';

/** The recorded Hugging Face /api/daily_papers response of 2024-10-25 (29 entries). */
export const HF_REFERENCE = sharedFile('hf-daily-papers', 'daily_papers.2024-10-25.json');
export const HF_DAY = '2024-10-25';

interface HfEntry {
  paper: {
    id: string;
    authors: { name: string }[];
    publishedAt: string;
    summary: string;
    upvotes: number;
  };
  title: string;
  numComments: number;
  submittedBy: { name: string; fullname: string; avatarUrl: string };
}

export function readHfReference(): HfEntry[] {
  return JSON.parse(fs.readFileSync(HF_REFERENCE, 'utf8')) as HfEntry[];
}

/** A paper whose title and abstract hold everything that breaks careless escaping. */
export const NASTY_ID = '2410.99999';
export const NASTY_TITLE =
  'Attention <is> all & you need ]]> "quoted" \'single\' {braces} 50% #1 $x_i<y$';

export interface ApiFixture {
  member: User;
  token: string;
}

/**
 * Loads the recorded HF day as Folio would ingest it (papers + that day's entries with the
 * source's submitters and counts), one paper with hostile text, a member with an API token,
 * a vote and a comment; then readies search (hybrid, as by default) on them.
 */
export async function seedApiFixture(t: TestRuntime): Promise<ApiFixture> {
  const { db } = t.runtime;
  const entries = readHfReference();
  const records: PaperRecord[] = entries.map((e) => ({
    id: e.paper.id,
    title: e.title,
    abstract: e.paper.summary,
    authors: e.paper.authors.map((a) => a.name),
    categories: ['cs.CL', 'cs.LG'],
    publishedAt: e.paper.publishedAt,
    listingDate: HF_DAY,
  }));
  const daily: DailyEntry[] = entries.map((e) => ({
    day: HF_DAY,
    paperId: e.paper.id,
    source: 'hf-daily',
    submitterName: e.submittedBy.name,
    submitterFullname: e.submittedBy.fullname,
    submitterAvatar: e.submittedBy.avatarUrl,
    sourceUpvotes: e.paper.upvotes,
    sourceComments: e.numComments,
  }));
  records.push({
    id: NASTY_ID,
    title: NASTY_TITLE,
    abstract: 'We show x < y && y > z. Control: \u0001\u0008 end ]]> done.',
    authors: ['Zoë <Script> Müller', 'Jean de la Fontaine', 'Plato'],
    categories: ['cs.CL'],
    publishedAt: '2024-10-23T12:00:00Z',
    listingDate: HF_DAY,
    doi: '10.1234/example.5678',
    codeRepo: 'github:example/attention',
  });
  await upsertRecords(db, t.clock, records, { source: 'fixture', entries: daily });
  const member = await ensureUser(db, t.clock, 'reader@example.org');
  const { token } = await createApiToken(db, t.clock, member, 'fixture');
  await toggleVote(db, t.clock, member, NASTY_ID, true);
  await addComment(db, t.clock, member, NASTY_ID, 'Nice *paper* <b>really</b>');
  // Search as configured by default: semantic search trained on these papers.
  await t.searchReady();
  return { member, token };
}
