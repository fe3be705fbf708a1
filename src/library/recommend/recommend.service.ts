import type { Db } from '../../db/database.ts';
import type { Clock } from '../../domain/clock.ts';
import type { Paper } from '../../domain/paper.ts';
import { requireActive } from '../../community/user.service.ts';
import type { User } from '../../community/user.ts';
import { votedPaperIds } from '../../community/vote.repository.ts';
import { findPapersByIds } from '../../papers/paper.repository.ts';
import type { SearchService } from '../../search/search.service.ts';
import type { FollowService } from '../follow.service.ts';
import {
  deleteNotInterested,
  insertNotInterested,
  notInterestedIds,
} from '../follow.repository.ts';
import { listSaves } from '../save.repository.ts';
import { DEFAULT_RANK, rankCandidates, type ProfileItem, type RankItem } from './rank.ts';
import { activeModelId, recentPaperIds, vectorsOfPapers } from './vector.repository.ts';
import { wordVectors } from './word-vectors.ts';

export interface RecommendDeps {
  db: Db;
  clock: Clock;
  search: Pick<SearchService, 'similar'>;
  follows: Pick<FollowService, 'feed'>;
  /** Looks a paper up by id (the library's check that it exists). */
  requirePaper(id: string): Promise<Paper>;
}

/** A recommended paper and why it is here. */
export interface Recommendation {
  paper: Paper;
  /** "Because you saved “…”", "New in cs.CL, which you follow". */
  reason: string;
  /** The member's paper that brought it, when one did. */
  becauseOf: { id: string; title: string; how: 'saved' | 'upvoted' } | null;
}

/** Other papers a member's linear model learns against (the most recent ones). */
const BACKGROUND = 500;
/** Profile papers read at most (newest first): a long-standing library stays quick. */
const PROFILE_SIZE = 200;
/** Profile papers whose neighbours are looked up as candidates. */
const SEEDS = 25;
const NEIGHBOURS = 40;

/** "For you": papers like those a member saved and upvoted, unlike those they dismissed. */
export function createRecommendService(deps: RecommendDeps) {
  const { db, clock } = deps;

  /** The member's profile: saves (weight 1) and upvotes (0.6), newest first. */
  async function profileOf(user: User): Promise<Map<string, 'saved' | 'upvoted'>> {
    const [saves, votes] = await Promise.all([
      listSaves(db.kysely, user.id, { limit: PROFILE_SIZE }),
      votedPaperIds(db.kysely, user.id, PROFILE_SIZE),
    ]);
    const how = new Map<string, 'saved' | 'upvoted'>();
    for (const s of saves) how.set(s.paper_id, 'saved');
    for (const v of votes) if (!how.has(v)) how.set(v, 'upvoted');
    return how;
  }

  return {
    /**
     * Up to `limit` recommendations, best first. Saved, upvoted and dismissed papers, and those in
     * `exclude` (already sent), never appear. With nothing saved or upvoted yet, the member's
     * follows answer (cold start).
     */
    async forYou(
      user: User | null,
      options: { limit?: number; exclude?: ReadonlySet<string> } = {},
    ): Promise<Recommendation[]> {
      const member = requireActive(user);
      const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
      const [how, dismissed] = await Promise.all([
        profileOf(member),
        notInterestedIds(db.kysely, member.id, 200),
      ]);
      const hidden = new Set([...how.keys(), ...dismissed, ...(options.exclude ?? [])]);

      if (how.size === 0) {
        const followed = await deps.follows.feed(member, limit * 3);
        return followed
          .filter((f) => !hidden.has(f.paper.id))
          .slice(0, limit)
          .map((f) => ({ paper: f.paper, reason: capitalize(f.reason), becauseOf: null }));
      }

      // Candidates: the nearest papers of the newest profile papers (search's index), plus the
      // member's follows, so a followed author's new paper can be ranked too.
      const profileIds = [...how.keys()];
      const candidateIds = new Set<string>();
      for (const id of profileIds.slice(0, SEEDS))
        for (const p of await deps.search.similar(id, NEIGHBOURS)) candidateIds.add(p.id);
      for (const f of await deps.follows.feed(member, 100)) candidateIds.add(f.paper.id);
      for (const id of hidden) candidateIds.delete(id);
      if (candidateIds.size === 0) return [];

      // The background the member's linear model learns against: recent papers that are neither
      // the member's nor candidates.
      const backgroundIds = (await recentPaperIds(db, BACKGROUND + candidateIds.size)).filter(
        (id) => !candidateIds.has(id) && !how.has(id),
      );
      backgroundIds.length = Math.min(backgroundIds.length, BACKGROUND);
      const allIds = [...new Set([...profileIds, ...dismissed, ...candidateIds, ...backgroundIds])];
      const papers = await findPapersByIds(db.kysely, allIds);
      const model = await activeModelId(db);
      const vectors = model ? await vectorsOfPapers(db, model, allIds) : new Map();
      const words = wordVectors([...papers.values()]);
      const item = (id: string): RankItem => ({
        id,
        dense: vectors.get(id) ?? null,
        sparse: words.get(id) ?? null,
      });
      const profile: ProfileItem[] = profileIds
        .filter((id) => papers.has(id))
        .map((id) => ({ ...item(id), weight: how.get(id) === 'saved' ? 1 : 0.6 }));
      const ranked = rankCandidates(
        profile,
        dismissed.filter((id) => papers.has(id)).map(item),
        [...candidateIds].filter((id) => papers.has(id)).map(item),
        limit,
        DEFAULT_RANK,
        backgroundIds.filter((id) => papers.has(id)).map(item),
      );
      return ranked.map((r) => {
        const because = papers.get(r.because)!;
        const verb = how.get(r.because) ?? 'saved';
        return {
          paper: papers.get(r.id)!,
          reason: `Because you ${verb} “${because.title}”`,
          becauseOf: { id: because.id, title: because.title, how: verb },
        };
      });
    },

    /** "Not interested": the paper leaves the member's recommendations and pushes its like down. */
    async dismiss(user: User | null, paperId: string): Promise<void> {
      const member = requireActive(user);
      const paper = await deps.requirePaper(paperId);
      await insertNotInterested(db.kysely, member.id, paper.id, clock.now().toISOString());
    },

    /** Takes back a "not interested". */
    async undismiss(user: User | null, paperId: string): Promise<void> {
      const member = requireActive(user);
      const paper = await deps.requirePaper(paperId);
      await deleteNotInterested(db.kysely, member.id, paper.id);
    },
  };
}

export type RecommendService = ReturnType<typeof createRecommendService>;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
