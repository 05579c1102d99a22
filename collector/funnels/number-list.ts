/** An append-only Float64Array that grows by doubling: millions of pushes without boxing. */
export class NumberList {
  private data = new Float64Array(1024);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }

  /** A view of the values pushed so far. */
  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** NumberList's Int32 twin: half the bytes for ids and codes (a block's columns are read into these). */
export class Int32List {
  private data = new Int32Array(1024);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }

  /** The last value pushed (undefined when empty). */
  last(): number | undefined {
    return this.length ? this.data[this.length - 1] : undefined;
  }

  /** A view of the values pushed so far. */
  values(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}
