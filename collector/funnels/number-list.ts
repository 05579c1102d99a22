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
