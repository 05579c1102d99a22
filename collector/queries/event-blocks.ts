/**
 * Packed event blocks: the funnel engine's precomputed input. A block holds every event of 1 024
 * consecutive visitor ids of one site, sorted by (visitor, ts, name id, id) — the order of the
 * covering index — as typed-array columns stored as BLOBs (native byte order; the file is read
 * by the machine that wrote it). Streaming columns instead of SQLite rows is what makes a funnel
 * over 10 M events cost a few hundred milliseconds: per-row overhead dominates otherwise.
 */
export const BLOCK_SHIFT = 10; // fixed by migration 3's triggers (visitor_id >> 10)

export type BlockCol = 'vis' | 'ts' | 'name' | 'sess' | 'path' | 'eid';

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
  /** Paths of negative path ids (blocks read straight from the events table). */
  localPaths?: Map<number, string>;
}

export const toBytes = (a: Int32Array | Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Typed view on a BLOB; copies only when SQLite's buffer is not aligned for the element size. */
export function fromBytes<T extends Int32Array | Float64Array>(buf: Buffer, Type: { new (b: ArrayBuffer, o: number, l: number): T; BYTES_PER_ELEMENT: number; }): T {
  const size = Type.BYTES_PER_ELEMENT;
  if (buf.byteOffset % size === 0) return new Type(buf.buffer as ArrayBuffer, buf.byteOffset, buf.byteLength / size);
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

export function encodeRuns(visitorOfEvent: ArrayLike<number>, n: number): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = visitorOfEvent[i]!;
    if (out.length && out[out.length - 2] === v) out[out.length - 1] = out[out.length - 1]! + 1;
    else out.push(v, 1);
  }
  return Int32Array.from(out);
}
