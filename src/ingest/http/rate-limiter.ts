/** Spaces requests out: each `wait()` resolves no sooner than `intervalMs` after the previous one. */
export interface RateLimiter {
  readonly intervalMs: number;
  wait(): Promise<void>;
}

/**
 * A limiter shared by every caller holding it: arXiv asks for one request every three seconds
 * from a client, whichever of its interfaces the requests go to, so all arXiv sources in a
 * process must take turns on one limiter.
 */
export function createRateLimiter(
  intervalMs: number,
  now: () => number = Date.now,
  sleep: (ms: number) => Promise<void> = delay,
): RateLimiter {
  let nextSlot = 0;
  return {
    intervalMs,
    wait: async () => {
      const current = now();
      // Reserve the slot synchronously so concurrent callers queue up instead of colliding.
      const slot = Math.max(current, nextSlot);
      nextSlot = slot + intervalMs;
      if (slot > current) await sleep(slot - current);
    },
  };
}

/** A promise that resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
