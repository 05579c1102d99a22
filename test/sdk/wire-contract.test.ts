// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { afterEach, beforeEach, expect, expectTypeOf, test, vi } from 'vitest';
import { batchSchema, type eventSchema } from '../../collector/ingest/batch-schema.js';
import { createTracker } from '../../sdk/tracker.js';
import type { WireBatch, WireEvent } from '../../sdk/wire.js';
import * as wireLimits from '../../sdk/wire-limits.js';
import { memoryStore, scriptedSend, setUrl } from './helpers.js';

// The wire contract from both ends: sdk/wire.ts (types) and sdk/wire-limits.js (limits) against
// the collector's schema. The type checks fail in `tsc --noEmit` (npm test, npm run typecheck).

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

test("the collector's schema accepts exactly the SDK's wire types: same fields, same types (typecheck)", () => {
  expectTypeOf<v.InferInput<typeof batchSchema>>().toEqualTypeOf<WireBatch>();
  expectTypeOf<v.InferInput<typeof eventSchema>>().toEqualTypeOf<WireEvent>();
});

test('wire-limits.d.ts types every limit wire-limits.js exports, and no other', () => {
  const declared = [
    ...readFileSync('sdk/wire-limits.d.ts', 'utf8').matchAll(/export declare const (\w+)/g),
  ].map((m) => m[1]);
  expect(declared.sort()).toEqual(Object.keys(wireLimits).sort());
});

test('what the SDK makes of input over every limit, the collector accepts', async () => {
  setUrl(`https://shop.example/${'p'.repeat(3000)}?utm_source=${'s'.repeat(100)}`);
  const { send, batches } = scriptedSend([200]);
  const tracker = createTracker('S1', '', false, false, memoryStore(), send);
  const props = Object.fromEntries(
    Array.from({ length: wireLimits.PROPS + 10 }, (_, n) => [`${n}`.padEnd(100, 'k'), '€'.repeat(600)]),
  );
  for (let n = 0; n < wireLimits.EVENTS_PER_BATCH + 20; n++)
    tracker.track('n'.repeat(100), n % 10 ? { n } : props);
  for (let n = 0; n < 20; n++) await vi.advanceTimersByTimeAsync(1000);
  expect(batches.flatMap((b) => b.batch.e)).toHaveLength(wireLimits.EVENTS_PER_BATCH + 20);
  for (const { batch } of batches) {
    const result = v.safeParse(batchSchema, batch);
    expect(result.issues?.map((i) => `${v.getDotPath(i)} ${i.message}`)).toBeUndefined();
    expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(wireLimits.BODY_BYTES);
  }
});
