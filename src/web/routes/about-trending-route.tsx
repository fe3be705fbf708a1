import type { Context } from 'hono';
import type { AppDeps } from '../app.ts';
import { AboutTrendingPage } from '../pages/about-trending.tsx';

/** GET /about/trending — the trending formula with this site's weights. */
export function aboutTrendingPage(deps: AppDeps) {
  return (c: Context) =>
    c.html(`<!doctype html>${String(<AboutTrendingPage settings={deps.config.trending} />)}`);
}
