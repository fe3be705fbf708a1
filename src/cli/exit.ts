/** Exit codes: 0 done, 1 failed, 2 bad usage (including bad configuration). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A usage error raised by a command after parsing (e.g. an invalid id argument). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
