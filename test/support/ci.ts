/**
 * True on a continuous-integration run (`CI` set, as `.ci/run` and CI services do). There a
 * missing prerequisite is a failure naming it, not a skipped area of the suite.
 */
export const IN_CI =
  Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';

/** Skips with a warning on a developer's machine; fails under CI, naming what is missing. */
export function reportMissing(flag: string, message: string): void {
  if (IN_CI) throw new Error(`CI needs ${message}`);
  if (process.env[flag]) return;
  process.env[flag] = '1';
  console.warn(`Skipped: ${message}`);
}
