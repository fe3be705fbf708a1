import type { TrendingExplanation, TrendingWindow } from '../../trending/trending.service.ts';

const SPAN: Record<TrendingWindow, string> = {
  '24h': 'today',
  '7d': 'this week',
  '30d': 'this month',
};

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const plural = (n: number, word: string) => `${count(n)} ${n === 1 ? word : `${word}s`}`;

/** Why a paper trends, as a reader says it: "+412 stars this week · 38 upvotes · 3 comments". */
export function trendingReason(e: TrendingExplanation, window: TrendingWindow): string {
  const parts: string[] = [];
  if (e.starsGained > 0) parts.push(`+${plural(e.starsGained, 'star')} ${SPAN[window]}`);
  if (e.upvotes > 0) parts.push(plural(e.upvotes, 'upvote'));
  if (e.comments > 0) parts.push(plural(e.comments, 'comment'));
  if (e.views > 0) parts.push(plural(e.views, 'view'));
  if (parts.length === 0) parts.push('new');
  return parts.join(' · ');
}
