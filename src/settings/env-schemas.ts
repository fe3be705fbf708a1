import { Cron } from 'croner';
import { z } from 'zod';

// Building blocks of the FOLIO_* variables each feature's configuration fragment declares.

/** A yes/no variable: 1/0, true/false, yes/no, on/off. */
export const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

/** A comma-separated list, blanks dropped. */
export const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** A cron expression croner accepts (UTC). */
export const cron = z.string().refine(isCron);

/** Says what a variable takes, in the words start-up prints when a value does not fit. */
export function expects<T extends z.ZodType>(schema: T, expected: string): T {
  return schema.meta({ expected }) as T;
}

/** The plain description `expects` gave a variable's schema, if any. */
export function expectedOf(schema: z.ZodType | undefined): string | undefined {
  const meta = schema?.meta();
  return typeof meta?.expected === 'string' ? meta.expected : undefined;
}

function isCron(expression: string): boolean {
  try {
    // Without a function to run, croner only parses the pattern and schedules nothing.
    new Cron(expression, { timezone: 'UTC' }).stop();
    return true;
  } catch {
    return false;
  }
}
