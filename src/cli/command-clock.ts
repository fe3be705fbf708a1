import { fixedClock, systemClock, type Clock } from '../domain/clock.ts';

/**
 * The clock a command runs on: the system's, or, for the test suite only (NODE_ENV=test), the
 * instant FOLIO_TEST_NOW names, so tests of the command line agree with their store on what
 * "today" is whatever the hour they run at.
 */
export function commandClock(env: NodeJS.ProcessEnv = process.env): Clock {
  const fixed = env.NODE_ENV === 'test' ? env.FOLIO_TEST_NOW : undefined;
  if (!fixed) return systemClock;
  const at = new Date(fixed);
  if (Number.isNaN(at.getTime())) throw new Error(`FOLIO_TEST_NOW: not a date: ${fixed}`);
  return fixedClock(at);
}
