import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { incompleteReason } from '../../../collector/clickhouse/report-completeness';
import { guardReports } from '../../../collector/clickhouse/reports-unavailable';
import type { ShippingHealth } from '../../../collector/clickhouse/shipping-health';
import { ExportError } from '../../../collector/export/export-error';
import { INCOMPLETE_HEADER, incompleteNote } from '../../../collector/middleware/incomplete-note';
import { StoreUnreachableError } from '../../../collector/reports/store-unreachable-error';

const fine: ShippingHealth = {
  ok: true,
  full: false,
  backlog: 0,
  limit: 100,
  oldestSeconds: null,
  lastShippedAt: null,
};

describe('incompleteReason', () => {
  it('is null when nothing waits, or only the normal batching lag', () => {
    expect(incompleteReason(fine)).toBeNull();
    expect(incompleteReason({ ...fine, backlog: 40, oldestSeconds: 3 })).toBeNull();
  });
  it('names the waiting events and why when shipping fails or is behind', () => {
    expect(
      incompleteReason({
        ...fine,
        ok: false,
        backlog: 7,
        oldestSeconds: 2,
        reason: 'shipping to ClickHouse fails since X: refused',
      }),
    ).toBe(
      '7 events acknowledged here are not in ClickHouse yet: shipping to ClickHouse fails since X: refused',
    );
    expect(incompleteReason({ ...fine, backlog: 12, oldestSeconds: 25 })).toBe(
      '12 events acknowledged here are not in ClickHouse yet, the oldest for 25 s',
    );
  });
  it('is null when shipping fails with nothing waiting (reports then fail or are whole)', () => {
    expect(incompleteReason({ ...fine, ok: false, reason: 'shipping to ClickHouse fails' })).toBeNull();
  });
});

describe('incompleteNote', () => {
  const app = (h: ShippingHealth) => {
    const a = new Hono();
    a.use(
      '*',
      incompleteNote(() => h),
    );
    a.get('/obj', (c) => c.json({ pageviews: 3 }));
    a.get('/list', (c) => c.json([1, 2]));
    a.get('/bad', (c) => c.json({ error: 'x' }, 400));
    return a;
  };
  it('leaves answers alone while shipping keeps up', async () => {
    const res = await app(fine).request('/obj');
    expect(res.headers.get(INCOMPLETE_HEADER)).toBeNull();
    expect(await res.json()).toEqual({ pageviews: 3 });
  });
  it('marks a 200 answer in the header and in its JSON object, not an error answer', async () => {
    const behind = { ...fine, backlog: 12, oldestSeconds: 25 };
    const reason = '12 events acknowledged here are not in ClickHouse yet, the oldest for 25 s';
    const obj = await app(behind).request('/obj');
    expect(decodeURIComponent(obj.headers.get(INCOMPLETE_HEADER)!)).toBe(reason);
    expect(await obj.json()).toEqual({ pageviews: 3, dataIncomplete: reason });
    const list = await app(behind).request('/list');
    expect(decodeURIComponent(list.headers.get(INCOMPLETE_HEADER)!)).toBe(reason);
    expect(await list.json()).toEqual([1, 2]);
    const bad = await app(behind).request('/bad');
    expect(bad.headers.get(INCOMPLETE_HEADER)).toBeNull();
  });
});

describe('guardReports', () => {
  it('turns a shard or server that did not answer into StoreUnreachableError with its first line, and passes client errors and bugs through', async () => {
    const g = guardReports({
      overview: async () => {
        throw new Error('Code: 279. All connection tries failed.\n  stack…');
      },
      pages: async () => {
        throw new Error('Code: 47. Unknown identifier: nope');
      },
      exportSqlite: async () => {
        throw new ExportError('use format=csv', 'format');
      },
      total: async () => 5,
    });
    await expect(g.total()).resolves.toBe(5);
    const err = await g.overview().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreUnreachableError);
    expect((err as StoreUnreachableError).message).toBe(
      'ClickHouse did not answer the report (Code: 279. All connection tries failed.): data incomplete, try again later',
    );
    await expect(g.exportSqlite()).rejects.toBeInstanceOf(ExportError);
    const bug = await g.pages().catch((e: unknown) => e);
    expect(bug).not.toBeInstanceOf(StoreUnreachableError);
    expect((bug as Error).message).toBe('Code: 47. Unknown identifier: nope');
  });
});
