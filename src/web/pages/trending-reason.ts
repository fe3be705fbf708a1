import { signalReasons } from '../../trending/signals/index.ts';
import type { TrendingExplanation, TrendingWindow } from '../../trending/trending.service.ts';

/** Why a paper trends, as a reader says it: "+412 stars this week · 38 upvotes · 3 comments". */
export function trendingReason(e: TrendingExplanation, window: TrendingWindow): string {
  const parts = signalReasons(e, window);
  if (parts.length === 0) parts.push('new');
  return parts.join(' · ');
}
