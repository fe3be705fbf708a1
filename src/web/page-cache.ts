/**
 * A short-lived cache of what public pages show, per instance: lists and paper pages are read
 * far more often than they change. Entries live a few seconds (so other instances' writes show
 * up quickly) and every write through this instance, or any stored paper, drops them all
 * (the composition root wires the stored-paper listener).
 */
export class PageCache {
  private entries = new Map<
    string,
    { value: Promise<unknown>; wallMs: number; clockMs: number; generation: number }
  >();
  private generation = 0;

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 2_000,
  ) {}

  /** Forgets everything (after a write). */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  /**
   * The cached value for `key`, computing it once when missing or stale (concurrent callers share
   * it); `ttlMs` overrides how long this entry lives.
   */
  get<T>(key: string, compute: () => Promise<T>, ttlMs = this.ttlMs): Promise<T> {
    const wallMs = performance.now();
    const clockMs = this.now();
    const hit = this.entries.get(key);
    if (
      hit &&
      hit.generation === this.generation &&
      wallMs - hit.wallMs < ttlMs &&
      Math.abs(clockMs - hit.clockMs) < ttlMs
    )
      return hit.value as Promise<T>;
    if (this.entries.size >= this.maxEntries)
      this.entries.delete(this.entries.keys().next().value!);
    const generation = this.generation;
    const value = compute();
    this.entries.set(key, { value, wallMs, clockMs, generation });
    // A failure is not kept: the next request tries again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
