/**
 * The keyword index's term → id lookup. A map of ~200,000 terms takes a few hundred milliseconds
 * to build, most of a one-off search's budget, so an index restored from a snapshot keeps its
 * terms as they lie in the file (UTF-8, sorted by bytes) and finds one by binary search; terms
 * added afterwards go to an ordinary map beside it.
 */

/** Terms sorted by their UTF-8 bytes, with the id each one has in the index. */
export class SortedTerms {
  constructor(
    /** Every term's UTF-8 bytes, one after the other, in byte order. */
    readonly bytes: Uint8Array,
    /** Where each term starts in `bytes` (one more entry: the end). */
    readonly starts: Int32Array,
    /** The id of the term at each sorted position. */
    readonly ids: Int32Array,
  ) {
    if (starts.length !== ids.length + 1 || starts[0] !== 0 || starts.at(-1)! > bytes.length)
      throw new Error('inconsistent term table');
    for (let i = 0; i < ids.length; i++)
      if (ids[i]! >>> 0 >= ids.length || starts[i]! > starts[i + 1]!)
        throw new Error('inconsistent term table');
  }

  /** The table of terms given in id order (term i has id i). */
  static of(terms: readonly string[]): SortedTerms {
    const encoded = terms.map((t) => Buffer.from(t, 'utf8'));
    const order = Int32Array.from(terms.keys()).sort((a, b) =>
      Buffer.compare(encoded[a]!, encoded[b]!),
    );
    const starts = new Int32Array(terms.length + 1);
    let length = 0;
    order.forEach((id, i) => {
      starts[i] = length;
      length += encoded[id]!.length;
    });
    starts[terms.length] = length;
    const bytes = Buffer.alloc(length);
    order.forEach((id, i) => encoded[id]!.copy(bytes, starts[i]!));
    return new SortedTerms(bytes, starts, order);
  }

  get size(): number {
    return this.ids.length;
  }

  /** The term's id, or undefined. */
  get(term: string): number | undefined {
    const key = Buffer.from(term, 'utf8');
    const bytes = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = bytes.compare(key, 0, key.length, this.starts[mid]!, this.starts[mid + 1]!);
      if (c === 0) return this.ids[mid];
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** Every term with its id, in byte order. */
  *entries(): IterableIterator<[string, number]> {
    const decoder = new TextDecoder();
    for (let i = 0; i < this.ids.length; i++)
      yield [
        decoder.decode(this.bytes.subarray(this.starts[i]!, this.starts[i + 1]!)),
        this.ids[i]!,
      ];
  }
}

/** Term → id: a sorted table (from a snapshot) and the terms added since. */
export class TermIds {
  private readonly added = new Map<string, number>();

  constructor(private readonly table: SortedTerms | null = null) {}

  get(term: string): number | undefined {
    return this.added.get(term) ?? this.table?.get(term);
  }

  set(term: string, id: number): void {
    this.added.set(term, id);
  }

  get size(): number {
    return (this.table?.size ?? 0) + this.added.size;
  }

  /** Every term with its id. */
  *entries(): IterableIterator<[string, number]> {
    if (this.table) yield* this.table.entries();
    yield* this.added.entries();
  }

  /** Every term. */
  *keys(): IterableIterator<string> {
    for (const [term] of this.entries()) yield term;
  }

  /** The terms in id order. */
  inIdOrder(): string[] {
    const out = new Array<string>(this.size);
    for (const [term, id] of this.entries()) out[id] = term;
    return out;
  }
}
