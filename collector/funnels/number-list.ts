/** An append-only typed array that grows by doubling: millions of pushes without boxing. */
class GrowingList<T extends Float64Array | Int32Array> {
  private data: T;
  length = 0;

  constructor(private readonly make: (size: number) => T) {
    this.data = make(1024);
  }

  push(x: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }

  /** Empties the list and keeps its storage, for a caller that fills it again and again. */
  clear(): void {
    this.length = 0;
  }

  /** How many values fit before the next doubling. */
  get capacity(): number {
    return this.data.length;
  }

  /** The last value pushed (undefined when empty). */
  last(): number | undefined {
    return this.length ? this.data[this.length - 1] : undefined;
  }

  /** A view of the values pushed so far. */
  values(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

/** Doubles (times, event ids, gaps). */
export class NumberList extends GrowingList<Float64Array> {
  constructor() {
    super((size) => new Float64Array(size));
  }
}

/** Ids and codes: half the bytes of NumberList (a block's columns are read into these). */
export class Int32List extends GrowingList<Int32Array> {
  constructor() {
    super((size) => new Int32Array(size));
  }
}
