import { z } from 'zod';
import { DEFAULT_TRENDING_RULES, type TrendingSettings } from '../domain/trending-score.ts';
import { TRENDING_SIGNALS, type TrendingSignalKind } from './signals/index.ts';

const cron = z.string().regex(/^(\S+\s+){4,5}\S+$/, 'a cron expression such as "*/10 * * * *"');
const weight = (fallback: number) => z.coerce.number().min(0).max(1000).default(fallback);
const d = DEFAULT_TRENDING_RULES;

type WeightVariable = (typeof TRENDING_SIGNALS)[number]['weight']['variable'];

// One FOLIO_TRENDING_WEIGHT_* variable per registered signal, defaulting to its weight.
const weightEnv = Object.fromEntries(
  TRENDING_SIGNALS.map((s) => [s.weight.variable, weight(s.weight.default)]),
) as Record<WeightVariable, ReturnType<typeof weight>>;

/** FOLIO_TRENDING_* variables, merged into the one environment schema in config.ts. */
export const trendingEnv = {
  ...weightEnv,
  FOLIO_TRENDING_HALF_LIFE: z.coerce.number().min(0.01).max(10).default(d.halfLifeFraction),
  FOLIO_TRENDING_PAPER_HALF_LIFE_DAYS: z.coerce
    .number()
    .min(0.1)
    .max(3650)
    .default(d.paperHalfLifeDays),
  FOLIO_TRENDING_NEW_ACCOUNT_HOURS: z.coerce.number().min(0).max(720).default(d.newAccountHours),
  FOLIO_TRENDING_VOTES_PER_HOUR: z.coerce.number().int().min(1).default(d.votesPerHour),
  FOLIO_TRENDING_SCHEDULE: cron.default('*/10 * * * *'),
  FOLIO_GITHUB_SCHEDULE: cron.default('7 * * * *'),
  FOLIO_GITHUB_BATCH: z.coerce.number().int().min(1).max(100_000).default(2_000),
};

/** Trending settings: the score's weights and rules, and the schedules that keep it fresh. */
export interface TrendingConfig extends TrendingSettings {
  schedule: string;
  github: { schedule: string; batch: number };
}

type TrendingEnv = { [K in keyof typeof trendingEnv]: z.output<(typeof trendingEnv)[K]> };

/** The parsed FOLIO_TRENDING_* values as configuration. */
export function trendingConfig(e: TrendingEnv): TrendingConfig {
  return Object.freeze({
    weights: Object.freeze(
      Object.fromEntries(TRENDING_SIGNALS.map((s) => [s.kind, e[s.weight.variable]])) as Record<
        TrendingSignalKind,
        number
      >,
    ),
    halfLifeFraction: e.FOLIO_TRENDING_HALF_LIFE,
    paperHalfLifeDays: e.FOLIO_TRENDING_PAPER_HALF_LIFE_DAYS,
    newAccountHours: e.FOLIO_TRENDING_NEW_ACCOUNT_HOURS,
    votesPerHour: e.FOLIO_TRENDING_VOTES_PER_HOUR,
    schedule: e.FOLIO_TRENDING_SCHEDULE,
    github: Object.freeze({ schedule: e.FOLIO_GITHUB_SCHEDULE, batch: e.FOLIO_GITHUB_BATCH }),
  });
}
