import type { StarSeries } from '../../trending/activity.service.ts';

const W = 72;
const H = 20;
const PAD = 2;

const fmt = (n: number) => n.toLocaleString('en');

/** True when a series has a line to draw (two days or more). */
export const drawsSparkline = (series: StarSeries | undefined): series is StarSeries =>
  !!series && series.length >= 2;

/**
 * A repository's GitHub stars over recent days as a tiny inline SVG line, labelled for screen
 * readers with the counts it shows; nothing when fewer than two days are known.
 */
export function StarSparkline({ series }: { series: StarSeries | undefined }) {
  if (!drawsSparkline(series)) return null;
  const values = series.map((d) => d.stars);
  const min = Math.min(...values);
  const span = Math.max(1, Math.max(...values) - min);
  const step = (W - 2 * PAD) / (series.length - 1);
  const points = values
    .map(
      (v, i) =>
        `${(PAD + i * step).toFixed(1)},${(H - PAD - ((v - min) / span) * (H - 2 * PAD)).toFixed(1)}`,
    )
    .join(' ');
  const first = values[0]!;
  const last = values[values.length - 1]!;
  const change = last - first;
  const label = `GitHub stars from ${series[0]!.day} to ${series[series.length - 1]!.day}: ${fmt(first)} to ${fmt(last)} (${change >= 0 ? '+' : ''}${fmt(change)})`;
  return (
    <svg
      class="sparkline"
      viewBox={`0 0 ${W} ${H}`}
      width={W}
      height={H}
      role="img"
      aria-label={label}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title>{label}</title>
      <polyline
        points={points}
        fill="none"
        stroke="currentColor"
        stroke-width="1.5"
        stroke-linejoin="round"
        stroke-linecap="round"
      />
    </svg>
  );
}
