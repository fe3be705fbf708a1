import { arxivAbsUrl } from '../../domain/arxiv-id.ts';
import { badRequest, notFound } from '../../domain/errors.ts';
import type { ListedPaper } from '../../domain/listed-paper.ts';
import type { Paper } from '../../domain/paper.ts';
import { dayPeriod, isoWeekOf, weekPeriod, type Period } from '../../domain/periods.ts';
import type { TrendingWindow } from '../../trending/trending.service.ts';
import type { AppDeps } from '../app.ts';
import type { FeedDoc, FeedItem } from './feed.ts';
import { readPersonalFeedToken } from './personal-feed-token.ts';

export const FEED_SIZE = 50;

/** What a feed is about: which list, and the one parameter that picks it. */
export type FeedSpec =
  | { kind: 'daily'; date?: string }
  | { kind: 'weekly'; week?: string }
  | { kind: 'trending'; window: TrendingWindow }
  | { kind: 'category'; category: string }
  | { kind: 'search'; q: string }
  | { kind: 'personal'; token: string }
  | { kind: 'following'; token: string };

/** Builds the feed for a spec from the services that own each list. */
export async function buildFeed(deps: AppDeps, spec: FeedSpec): Promise<Omit<FeedDoc, 'feedUrls'>> {
  const base = deps.config.baseUrl;
  const now = deps.clock.now();
  switch (spec.kind) {
    case 'daily':
    case 'weekly': {
      const period = await periodFor(deps, spec);
      const listed = period ? await deps.lists.list(period, { limit: FEED_SIZE }) : [];
      const label = period?.label ?? 'no papers yet';
      return {
        id: `${base}/feeds/${spec.kind}`,
        title: `Folio · ${spec.kind === 'daily' ? 'Daily' : 'Weekly'} papers · ${label}`,
        description: `The ${spec.kind === 'daily' ? 'day' : 'week'}'s papers, picked by ${deps.config.curators} and the research community.`,
        homePageUrl:
          spec.kind === 'daily' ? `${base}/` : `${base}/papers/week/${period?.label ?? ''}`,
        updated: latest(
          listed.map((l) => new Date(l.addedAt)),
          now,
        ),
        items: listed.map((l) => fromListed(l, base)),
      };
    }
    case 'trending': {
      const items = await deps.trending.list({
        window: spec.window,
        limit: FEED_SIZE,
      });
      return {
        id: `${base}/feeds/trending?window=${spec.window}`,
        title: `Folio · Trending papers (${spec.window})`,
        description: 'What researchers are upvoting, starring and discussing now.',
        homePageUrl: `${base}/papers/trending`,
        updated: now,
        items: items.map((t) => ({
          ...fromPaper(t.paper, base, null),
          note: `#${t.rank} · ${t.explanation.text}`,
        })),
      };
    }
    case 'category': {
      const papers = await deps.papers.latestInCategory(spec.category, FEED_SIZE);
      return {
        id: `${base}/feeds/category/${spec.category}`,
        title: `Folio · ${spec.category}`,
        description: `The newest papers whose primary category is ${spec.category}.`,
        homePageUrl: `${base}/papers?q=${encodeURIComponent(`cat:${spec.category}`)}`,
        updated: latest(
          papers.map((p) => paperDate(p)),
          now,
        ),
        items: papers.map((p) => fromPaper(p, base, null)),
      };
    }
    case 'search': {
      const result = await deps.search.search({ q: spec.q, sort: 'date', limit: FEED_SIZE });
      const papers = result.hits.map((h) => h.paper);
      return {
        id: `${base}/feeds/search?q=${encodeURIComponent(spec.q)}`,
        title: `Folio · Search: ${spec.q}`,
        description: `The newest papers matching “${spec.q}”.`,
        homePageUrl: `${base}/papers?q=${encodeURIComponent(spec.q)}`,
        updated: latest(
          papers.map((p) => paperDate(p)),
          now,
        ),
        items: papers.map((p) => fromPaper(p, base, null)),
      };
    }
    case 'following': {
      const userId = readPersonalFeedToken(deps.secret, spec.token);
      const user = userId === null ? null : await deps.community.users.byId(userId);
      if (!user) throw notFound('There is no such feed.');
      const followed = await deps.personal.follows.feed(user, FEED_SIZE);
      return {
        id: `${base}/feeds/following/${user.id}`,
        title: `Folio · Followed by ${user.name}`,
        description: `New papers from the authors, categories, searches and collections ${user.name} follows.`,
        homePageUrl: `${base}/following`,
        updated: latest(
          followed.map((f) => paperDate(f.paper)),
          now,
        ),
        items: followed.map((f) => ({ ...fromPaper(f.paper, base, null), note: f.reason })),
      };
    }
    case 'personal': {
      const userId = readPersonalFeedToken(deps.secret, spec.token);
      const user = userId === null ? null : await deps.community.users.byId(userId);
      if (!user) throw notFound('There is no such feed.');
      const ids = await deps.community.votes.recentUpvotes(user.id, FEED_SIZE);
      const found = await deps.papers.findMany(ids);
      const papers = ids.map((id) => found.get(id)).filter((p): p is Paper => Boolean(p));
      return {
        id: `${base}/feeds/user/${user.id}`,
        title: `Folio · Papers ${user.name} upvoted`,
        description: `The papers ${user.name} upvoted on Folio, newest vote first.`,
        homePageUrl: `${base}/users/${encodeURIComponent(user.name)}`,
        updated: latest(
          papers.map((p) => paperDate(p)),
          now,
        ),
        items: papers.map((p) => fromPaper(p, base, null)),
      };
    }
  }
}

async function periodFor(
  deps: AppDeps,
  spec: { kind: 'daily'; date?: string } | { kind: 'weekly'; week?: string },
): Promise<Period | null> {
  try {
    if (spec.kind === 'daily' && spec.date) return dayPeriod(spec.date);
    if (spec.kind === 'weekly' && spec.week) return weekPeriod(spec.week);
  } catch (error) {
    const field = spec.kind === 'daily' ? 'date' : 'week';
    throw badRequest('invalid_period', `Invalid ${field}: ${(error as Error).message}`, {
      errors: [{ field, message: (error as Error).message }],
    });
  }
  const day = await deps.papers.latestListingDate();
  if (!day) return null;
  return spec.kind === 'daily' ? dayPeriod(day) : weekPeriod(isoWeekOf(day));
}

function fromListed(l: ListedPaper, base: string): FeedItem {
  const item = fromPaper(l.paper, base, new Date(l.addedAt));
  const votes = l.upvotes > 0 ? `${l.upvotes} upvote${l.upvotes === 1 ? '' : 's'}` : '';
  return votes ? { ...item, note: votes } : item;
}

function fromPaper(p: Paper, base: string, listedAt: Date | null): FeedItem {
  const url = `${base}/papers/${p.id}`;
  const published = listedAt ?? paperDate(p);
  const updated = p.updatedAt ? new Date(p.updatedAt) : published;
  return {
    id: url,
    url,
    externalUrl: arxivAbsUrl(p.id),
    title: p.title,
    summary: p.abstract,
    authors: p.authors,
    categories: p.categories,
    published,
    updated: updated < published ? published : updated,
  };
}

const paperDate = (p: Paper) =>
  new Date(p.publishedAt ?? (p.listingDate ? `${p.listingDate}T00:00:00Z` : 0));

function latest(dates: Date[], fallback: Date): Date {
  const valid = dates.filter((d) => !Number.isNaN(d.getTime()));
  return valid.length > 0 ? new Date(Math.max(...valid.map((d) => d.getTime()))) : fallback;
}
