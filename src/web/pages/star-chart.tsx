import type { PaperActivity } from '../../trending/activity.service.ts';

const WIDTH = 600;
const HEIGHT = 160;
const PAD = { top: 12, right: 44, bottom: 22, left: 44 };

/** True when there is anything to draw: a known star count or an upvote in the period. */
export function hasChartData(activity: PaperActivity): boolean {
  return activity.days.some((d) => d.stars !== null || d.upvotes > 0);
}

/**
 * Stars and upvotes over the last days as a small server-rendered SVG: stars as a line (left
 * scale), upvotes as bars (right scale), with a title, a description and a text summary for
 * people who cannot see it. No script; every text goes through JSX escaping.
 */
export function StarChart({ activity, id = 'activity' }: { activity: PaperActivity; id?: string }) {
  if (!hasChartData(activity)) return null;
  const { days, githubRepo } = activity;
  const starValues = days.map((d) => d.stars).filter((s): s is number => s !== null);
  const totalUpvotes = days.reduce((n, d) => n + d.upvotes, 0);
  const hasStars = starValues.length > 0;

  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / days.length;
  const minStars = hasStars ? Math.min(...starValues) : 0;
  const maxStars = hasStars ? Math.max(...starValues) : 0;
  const starSpan = Math.max(1, maxStars - minStars);
  const maxUpvotes = Math.max(1, ...days.map((d) => d.upvotes));
  const x = (i: number) => PAD.left + step * (i + 0.5);
  const yStars = (s: number) => PAD.top + plotH - ((s - minStars) / starSpan) * plotH;
  const line = days
    .map((d, i) => (d.stars === null ? null : `${x(i).toFixed(1)},${yStars(d.stars).toFixed(1)}`))
    .filter(Boolean)
    .join(' ');

  const first = days[0]!.day;
  const last = days[days.length - 1]!.day;
  const gained = hasStars ? starValues[starValues.length - 1]! - starValues[0]! : 0;
  const summary = [
    hasStars
      ? `${githubRepo ?? 'The repository'} went from ${fmt(starValues[0]!)} to ${fmt(starValues[starValues.length - 1]!)} stars (${gained >= 0 ? '+' : ''}${fmt(gained)})`
      : null,
    // Members' upvotes here; a source's counts (Hugging Face's) have no days to draw.
    totalUpvotes > 0
      ? `${fmt(totalUpvotes)} ${totalUpvotes === 1 ? 'upvote' : 'upvotes'} on Folio`
      : null,
  ]
    .filter(Boolean)
    .join('; ');
  const title = `Stars and upvotes, ${first} to ${last}`;

  return (
    <figure class="star-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}.</desc>
        <line
          class="axis"
          x1={PAD.left}
          y1={PAD.top + plotH}
          x2={PAD.left + plotW}
          y2={PAD.top + plotH}
          stroke="currentColor"
          stroke-opacity="0.3"
        />
        {days.map((d, i) =>
          d.upvotes > 0 ? (
            <rect
              class="upvotes"
              x={(x(i) - step * 0.35).toFixed(1)}
              y={(PAD.top + plotH - (d.upvotes / maxUpvotes) * plotH).toFixed(1)}
              width={(step * 0.7).toFixed(1)}
              height={((d.upvotes / maxUpvotes) * plotH).toFixed(1)}
              fill="currentColor"
              fill-opacity="0.25"
            >
              <title>{`${d.day}: ${d.upvotes} ${d.upvotes === 1 ? 'upvote' : 'upvotes'}`}</title>
            </rect>
          ) : null,
        )}
        {hasStars ? (
          <polyline
            class="stars"
            points={line}
            fill="none"
            stroke="currentColor"
            stroke-width="2"
          />
        ) : null}
        {hasStars ? (
          <>
            <text x={PAD.left - 6} y={PAD.top + 4} text-anchor="end" font-size="11">
              {fmt(maxStars)} ★
            </text>
            <text x={PAD.left - 6} y={PAD.top + plotH} text-anchor="end" font-size="11">
              {fmt(minStars)} ★
            </text>
          </>
        ) : null}
        {totalUpvotes > 0 ? (
          <text x={PAD.left + plotW + 6} y={PAD.top + 4} font-size="11">
            {fmt(maxUpvotes)} ▲
          </text>
        ) : null}
        <text x={PAD.left} y={HEIGHT - 6} font-size="11">
          {first}
        </text>
        <text x={PAD.left + plotW} y={HEIGHT - 6} text-anchor="end" font-size="11">
          {last}
        </text>
      </svg>
      <figcaption>
        Last {days.length} days: {summary}.
      </figcaption>
    </figure>
  );
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
