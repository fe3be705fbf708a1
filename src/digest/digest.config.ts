import { z } from 'zod';
import { bool, cron, expects } from '../settings/env-schemas.ts';

const WeekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof WeekdaySchema>;

/** When digests go out. */
export const digestEnv = {
  // Local hour (0-23, in each subscriber's time zone) at which digests go out.
  FOLIO_DIGEST_HOUR: z
    .string()
    .regex(/^(1?\d|2[0-3])$/, 'an hour from 0 to 23')
    .transform(Number)
    .default(8),
  FOLIO_DIGEST_WEEKDAY: WeekdaySchema.default('mon'),
  FOLIO_DIGEST_SEND_EMPTY: bool.default(false),
  // How often due digests are queued and the outbox sent (each subscriber's hour is checked then).
  FOLIO_DIGEST_SCHEDULE: expects(
    cron.default('*/15 * * * *'),
    'a cron expression (UTC) such as "*/15 * * * *"',
  ),
};

type DigestEnv = z.output<z.ZodObject<typeof digestEnv>>;

/** The parsed digest variables as configuration. */
export function digestConfig(e: DigestEnv) {
  return Object.freeze({
    hour: e.FOLIO_DIGEST_HOUR,
    weekday: e.FOLIO_DIGEST_WEEKDAY,
    sendEmpty: e.FOLIO_DIGEST_SEND_EMPTY,
    schedule: e.FOLIO_DIGEST_SCHEDULE,
  });
}
