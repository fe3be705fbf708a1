/** How hits are ordered: by score, or by day then score; ties go to the newer pid. */
export type RankOrder = 'relevance' | 'date';

/** The k best (score, day, pid) triples seen, in a bounded min-heap over typed arrays. */
export class TopK {
  private readonly score: Float64Array;
  private readonly day: Int32Array;
  private readonly pid: Int32Array;
  private size = 0;

  constructor(
    private readonly k: number,
    private readonly order: RankOrder,
  ) {
    this.score = new Float64Array(k);
    this.day = new Int32Array(k);
    this.pid = new Int32Array(k);
  }

  /** True when entry i ranks below entry j (i is the worse). */
  private below(si: number, di: number, pi: number, sj: number, dj: number, pj: number): boolean {
    if (this.order === 'date' && di !== dj) return di < dj;
    if (si !== sj) return si < sj;
    return pi < pj;
  }

  private lessAt(i: number, j: number): boolean {
    return this.below(
      this.score[i]!,
      this.day[i]!,
      this.pid[i]!,
      this.score[j]!,
      this.day[j]!,
      this.pid[j]!,
    );
  }

  /**
   * A score below which an offer is surely refused: the lowest kept score once k are kept in
   * relevance order (ties there go by pid), else −Infinity.
   */
  floor(): number {
    return this.size === this.k && this.order === 'relevance' ? this.score[0]! : -Infinity;
  }

  offer(score: number, day: number, pid: number): void {
    if (this.size < this.k) {
      let i = this.size++;
      this.set(i, score, day, pid);
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.lessAt(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    if (!this.below(this.score[0]!, this.day[0]!, this.pid[0]!, score, day, pid)) return;
    this.set(0, score, day, pid);
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.lessAt(l, m)) m = l;
      if (r < this.size && this.lessAt(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  /** The kept entries, best first. */
  sorted(): { pid: number; score: number; day: number }[] {
    const at = Array.from({ length: this.size }, (_, i) => i);
    at.sort((i, j) => (this.lessAt(j, i) ? -1 : this.lessAt(i, j) ? 1 : 0));
    return at.map((i) => ({ pid: this.pid[i]!, score: this.score[i]!, day: this.day[i]! }));
  }

  private set(i: number, score: number, day: number, pid: number): void {
    this.score[i] = score;
    this.day[i] = day;
    this.pid[i] = pid;
  }

  private swap(i: number, j: number): void {
    const s = this.score[i]!;
    const d = this.day[i]!;
    const p = this.pid[i]!;
    this.set(i, this.score[j]!, this.day[j]!, this.pid[j]!);
    this.set(j, s, d, p);
  }
}
