import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { notFound } from '../domain/errors.ts';
import type { Paper } from '../domain/paper.ts';
import { requireActive } from '../community/user.service.ts';
import type { User } from '../community/user.ts';
import { latestInCategory } from '../papers/listed-paper.repository.ts';
import { findPapersByIds } from '../papers/paper.repository.ts';
import type { SearchService } from '../search/search.service.ts';
import {
  collectionPaperIds,
  collectionsByIds,
  findCollectionById,
} from './collection.repository.ts';
import { deleteFollow, insertFollow, listFollows, type FollowRow } from './follow.repository.ts';
import { followInputSchema } from './library.schemas.ts';
import type { Follow, FollowKind } from './library.types.ts';
import { parseInput } from './parse-input.ts';
import { collectionIdOf } from './library.service.ts';

export interface FollowDeps {
  db: Db;
  clock: Clock;
  search: Pick<SearchService, 'search'>;
}

/** A paper in a member's following feed, with the follow that brought it. */
export interface FollowedPaper {
  paper: Paper;
  reason: string;
  /** When it arrived, for ordering (its listing day or first version). */
  date: string;
}

/** Papers each follow contributes to the feed at most. */
const PER_FOLLOW = 30;

/** An author name as papers spell it, compared without case or extra spaces. */
export const authorKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** Follows of authors, categories, searches and public collections, and the feed they make. */
export function createFollowService(deps: FollowDeps) {
  const { db, clock } = deps;

  async function check(user: User, input: unknown): Promise<{ kind: FollowKind; target: string }> {
    const f = parseInput(followInputSchema, input);
    const target = f.kind === 'author' ? f.target.replace(/\s+/g, ' ') : f.target;
    if (f.kind === 'collection') {
      const row = await findCollectionById(db.kysely, collectionIdOf(target));
      // A member may follow a public collection, never one they cannot see.
      if (!row || (row.visibility !== 'public' && row.user_id !== user.id))
        throw notFound('There is no such collection.');
    }
    return { kind: f.kind, target };
  }

  async function labelled(rows: FollowRow[]): Promise<Follow[]> {
    const collections = await collectionsByIds(
      db.kysely,
      rows.filter((r) => r.kind === 'collection').map((r) => Number(r.target)),
    );
    const names = new Map(collections.map((c) => [String(c.id), `${c.name} (${c.owner_name})`]));
    return rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind as FollowKind,
      target: r.target,
      label: r.kind === 'collection' ? (names.get(r.target) ?? 'a collection') : r.target,
      createdAt: r.created_at,
    }));
  }

  async function papersOf(user: User, follow: Follow): Promise<FollowedPaper[]> {
    const dated = (paper: Paper, reason: string): FollowedPaper => ({
      paper,
      reason,
      date: paper.listingDate ?? paper.publishedAt?.slice(0, 10) ?? '',
    });
    switch (follow.kind) {
      case 'author': {
        const quoted = follow.target.replace(/"/g, '');
        const result = await deps.search.search({
          q: `author:"${quoted}"`,
          mode: 'keyword',
          sort: 'date',
          limit: PER_FOLLOW,
        });
        const key = authorKey(follow.target);
        return result.hits
          .filter((h) => h.paper.authors.some((a) => authorKey(a) === key))
          .map((h) => dated(h.paper, `by ${follow.target}, whom you follow`));
      }
      case 'category':
        return (await latestInCategory(db, follow.target, PER_FOLLOW)).map((p) =>
          dated(p, `new in ${follow.target}, which you follow`),
        );
      case 'search': {
        const result = await deps.search.search({
          q: follow.target,
          sort: 'date',
          limit: PER_FOLLOW,
        });
        return result.hits.map((h) => dated(h.paper, `matches your search “${follow.target}”`));
      }
      case 'collection': {
        const row = await findCollectionById(db.kysely, Number(follow.target));
        if (!row || (row.visibility !== 'public' && row.user_id !== user.id)) return [];
        const ids = await collectionPaperIds(db.kysely, row.id, PER_FOLLOW);
        const found = await findPapersByIds(db.kysely, ids);
        return ids.flatMap((id) => {
          const p = found.get(id);
          return p ? [dated(p, `in the collection ${follow.label}`)] : [];
        });
      }
    }
  }

  return {
    /** Follows something; following it twice is one follow. */
    async follow(user: User | null, input: unknown): Promise<Follow> {
      const member = requireActive(user);
      const { kind, target } = await check(member, input);
      await insertFollow(db.kysely, member.id, kind, target, clock.now().toISOString());
      const all = await labelled(await listFollows(db.kysely, member.id));
      return all.find((f) => f.kind === kind && f.target === target)!;
    },

    async unfollow(user: User | null, input: unknown): Promise<boolean> {
      const member = requireActive(user);
      const f = parseInput(followInputSchema, input);
      const target = f.kind === 'author' ? f.target.replace(/\s+/g, ' ') : f.target;
      return deleteFollow(db.kysely, member.id, f.kind, target);
    },

    /** What the member follows, in the order they followed it. */
    async follows(user: User | null): Promise<Follow[]> {
      const member = requireActive(user);
      return labelled(await listFollows(db.kysely, member.id));
    },

    /** Whether the member follows this one thing (buttons). */
    async isFollowing(user: User | null, kind: FollowKind, target: string): Promise<boolean> {
      if (!user) return false;
      const rows = await listFollows(db.kysely, user.id);
      return rows.some((r) => r.kind === kind && r.target === target);
    },

    /**
     * The member's following feed: the newest papers of everything they follow, newest first,
     * each once with the first follow that brought it.
     */
    async feed(user: User, limit = 50): Promise<FollowedPaper[]> {
      const follows = await labelled(await listFollows(db.kysely, user.id));
      const seen = new Set<string>();
      const all: FollowedPaper[] = [];
      for (const follow of follows)
        for (const item of await papersOf(user, follow)) {
          if (seen.has(item.paper.id)) continue;
          seen.add(item.paper.id);
          all.push(item);
        }
      return all
        .sort((a, b) => b.date.localeCompare(a.date) || b.paper.id.localeCompare(a.paper.id))
        .slice(0, limit);
    },
  };
}

export type FollowService = ReturnType<typeof createFollowService>;
