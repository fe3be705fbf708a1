import type { TrendingSettings } from '../../domain/trending-score.ts';
import { SIGNALS_AS_LISTED } from '../../trending/signals/index.ts';
import { Layout } from './layout.tsx';

/** /about/trending: the formula in plain words, with this site's configured weights. */
export function AboutTrendingPage({ settings }: { settings: TrendingSettings }) {
  const w = settings.weights;
  const half = (hours: number) =>
    hours < 48 ? `${round(hours)} hours` : `${round(hours / 24)} days`;
  return (
    <Layout title="How trending works">
      <h1>How trending works</h1>
      <p class="lede">
        The trending list is computed from signals anyone can check, and every card says which ones
        put the paper there.
      </p>
      <h2>What counts</h2>
      <ul>
        {SIGNALS_AS_LISTED.map((signal) => (
          <li>
            <strong>{signal.about.label}</strong>
            {signal.about.text(w[signal.kind] ?? 0)}
          </li>
        ))}
      </ul>
      <h2>Fresh signals count more</h2>
      <p>
        Each list covers a window (the last 24 hours, 7 days or 30 days) and only signals inside it
        count. Within the window a signal loses half its weight every{' '}
        {half(24 * settings.halfLifeFraction)} on the 24-hour list,{' '}
        {half(168 * settings.halfLifeFraction)} on the 7-day list and{' '}
        {half(720 * settings.halfLifeFraction)} on the 30-day list.
      </p>
      <h2>New papers first</h2>
      <p>
        The sum is multiplied by the paper's freshness, which halves every{' '}
        {round(settings.paperHalfLifeDays)} days after the paper first appeared, so an old paper
        with a sudden burst of attention does not crowd out new work.
      </p>
      <p class="formula">
        <code>
          score = ½^(paper age ÷ {round(settings.paperHalfLifeDays)} days) × Σ weight × amount ×
          ½^(signal age ÷ half-life)
        </code>
      </p>
      <h2>Fair play</h2>
      <ul>
        <li>One vote per member per paper.</li>
        <li>
          Votes from accounts younger than {half(settings.newAccountHours)} count only once the
          account is that old.
        </li>
        <li>
          A member's votes beyond {settings.votesPerHour} in one hour do not count towards trending.
        </li>
        <li>Curators can take a paper off the trending lists, giving a reason.</li>
      </ul>
      <p>
        Scores are updated every few minutes. The trending page, the email digests, the feeds and
        the API all read the same ranking.
      </p>
    </Layout>
  );
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}
