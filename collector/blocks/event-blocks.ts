/**
 * Packed event blocks: the funnel engine's precomputed input. A block holds every event of 1 024
 * consecutive visitor ids of one site, sorted by (visitor, ts, name id, id) — the order of the
 * covering index — as typed-array columns stored as BLOBs (native byte order; the file is read
 * by the machine that wrote it). Streaming columns instead of SQLite rows is what makes a funnel
 * over 10 M events cost a few hundred milliseconds: per-row overhead dominates otherwise.
 */
export const BLOCK_SHIFT = 10; // fixed by migration 3's triggers (visitor_id >> 10)

export type BlockCol = 'vis' | 'ts' | 'name' | 'sess' | 'path' | 'eid' | 'sdim' | 'num';

export interface EventBlock {
  block: number;
  n: number;
  /** Visitor id of each run of events. */
  visitors: Int32Array;
  /** Start offset of each run; runs[visitors.length] === n. */
  runs: Int32Array;
  ts: Float64Array;
  name: Int32Array;
  /** Session id, 0 when none (offline events). Present when asked for. */
  sess?: Int32Array;
  /** funnel_paths id, 0 when none, negative = not yet in the dictionary (see localPaths). */
  path?: Int32Array;
  /** events.id. Present when asked for. */
  eid?: Float64Array;
  /**
   * Session dimensions, for breakdowns without a per-session query: k = sdim.length / (1 + DIMENSION_COUNT) sorted
   * session ids (every session the block's events name), then one k-long column of codes per
   * dimension in session-dimension.ts order. A code is a funnel_paths id (the blocks' string
   * dictionary, shared with paths), 0 = none, negative = see localPaths.
   */
  sdim?: Int32Array;
  /**
   * The one number the dashboard reads from an event's props (layout in event-number.ts):
   * engagement seconds and scroll, or a web vital's metric and value; 0 for other events. Packed
   * so the page, engagement and page speed reports never read props. Present when asked for.
   */
  num?: Int32Array;
  /** Strings of negative path and sdim codes (blocks read straight from the events table). */
  localPaths?: Map<number, string>;
}

export const toBytes = (a: Int32Array | Float64Array): Buffer =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Typed view on a BLOB; copies only when SQLite's buffer is not aligned for the element size. */
export function fromBytes<T extends Int32Array | Float64Array>(
  buf: Buffer,
  Type: { new (b: ArrayBuffer, o: number, l: number): T; BYTES_PER_ELEMENT: number },
): T {
  const size = Type.BYTES_PER_ELEMENT;
  if (buf.byteOffset % size === 0)
    return new Type(buf.buffer as ArrayBuffer, buf.byteOffset, buf.byteLength / size);
  const copy = new ArrayBuffer(buf.byteLength);
  new Uint8Array(copy).set(buf);
  return new Type(copy, 0, buf.byteLength / size);
}

/** Run-length visitor column: [visitor, count] pairs → ids and run offsets. */
export function decodeRuns(pairs: Int32Array): { visitors: Int32Array; runs: Int32Array } {
  const k = pairs.length / 2;
  const visitors = new Int32Array(k);
  const runs = new Int32Array(k + 1);
  for (let i = 0; i < k; i++) {
    visitors[i] = pairs[2 * i]!;
    runs[i + 1] = runs[i]! + pairs[2 * i + 1]!;
  }
  return { visitors, runs };
}

/** decodeRuns' inverse: visitor ids and run offsets → [visitor, count] pairs. */
export function encodeRuns(visitors: Int32Array, runs: Int32Array): Int32Array {
  const pairs = new Int32Array(2 * visitors.length);
  for (let i = 0; i < visitors.length; i++) {
    pairs[2 * i] = visitors[i]!;
    pairs[2 * i + 1] = runs[i + 1]! - runs[i]!;
  }
  return pairs;
}

/** Code of dimension `dim` for `session` in a block's sdim (binary search); 0 when absent. */
export function sessionDimCode(sdim: Int32Array, dim: number, session: number, columns: number): number {
  const k = sdim.length / (1 + columns);
  let lo = 0;
  let hi = k - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const id = sdim[mid]!;
    if (id === session) return sdim[(1 + dim) * k + mid]!;
    if (id < session) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}
