/**
 * A remote source could not be read as a whole (network failure, an error answer, a body that
 * is not the expected XML or JSON). The message names the source and says why.
 */
export class SourceError extends Error {
  constructor(
    readonly source: string,
    reason: string,
    /** True when trying again later may succeed (network, time-outs, 5xx, 429). */
    readonly transient = false,
  ) {
    super(`${source}: ${reason}`);
    this.name = 'SourceError';
  }
}
