import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importCsv } from '../../../collector/import/import-csv';
import { wireEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

let t: TestApp;
afterEach(() => t.close());

const admin = { authorization: 'Bearer admin-test-token', 'content-type': 'application/json' };
const offline = (events: unknown[]) =>
  t.app.request(`/api/sites/${t.site.publicId}/events`, {
    method: 'POST',
    body: JSON.stringify({ events }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.site.secret}` },
  });
const values = () =>
  t.rows<{ name: string; value: number | null; origin: string }>(
    'SELECT name, value, origin FROM events_v ORDER BY id',
  );
async function goalValue(name: string): Promise<unknown> {
  const base = `/api/sites/${t.site.publicId}/goals`;
  const goal = (await (
    await t.app.request(base, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name, definition: { kind: 'event', name } }),
    })
  ).json()) as { id: number };
  const res = await t.app.request(`${base}/${goal.id}`, { headers: admin });
  return ((await res.json()) as { stats: { value: unknown } }).stats.value;
}

describe('event values: money from the server side, finite and bounded everywhere', () => {
  it("a browser cannot hide a goal's real value with a value that overflows the sum", async () => {
    t = testApp();
    await offline([{ id: 'crm-1', name: 'deal_won', lead: 'L1', value: 1200 }]);
    const res = await t.collect({
      s: t.site.publicId,
      e: [
        wireEvent({ n: 'deal_won', p: { value: 1e308 } }),
        wireEvent({ n: 'deal_won', p: { value: 1e308 } }),
      ],
    });
    expect(res.status).toBe(200);
    expect(await goalValue('deal_won')).toBe(1200);
    // The number stays what it was sent as: a prop.
    expect(values().filter((r) => r.origin === 'web')).toEqual([
      { name: 'deal_won', value: null, origin: 'web' },
      { name: 'deal_won', value: null, origin: 'web' },
    ]);
    expect(
      JSON.parse(t.rows<{ props: string }>(`SELECT props FROM events WHERE origin = 'web'`)[0]!.props),
    ).toEqual({ value: 1e308 });
  });

  it('refuses an offline value beyond ±1e12, naming the field and the limit; a refund may be negative', async () => {
    t = testApp();
    for (const value of [1e308, 1e12 + 1, -1e12 - 1]) {
      const res = await offline([{ name: 'deal_won', lead: 'L1', value }]);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ field: 'events[0].value', limit: value > 0 ? 1e12 : -1e12 });
    }
    expect(
      (
        await offline([
          { id: 'r1', name: 'refund', lead: 'L1', value: -300 },
          { id: 'd1', name: 'deal_won', lead: 'L1', value: 1e12 },
        ])
      ).status,
    ).toBe(200);
    expect(values()).toEqual([
      { name: 'refund', value: -300, origin: 'offline' },
      { name: 'deal_won', value: 1e12, origin: 'offline' },
    ]);
  });

  it("takes a web value only on a site that allows it, from 0 to 1e12, and never a web vital's", async () => {
    t = testApp({ site: { webValues: true } });
    const ok = await t.collect({
      s: t.site.publicId,
      e: [
        wireEvent({ n: 'checkout', p: { value: 49.5 } }),
        wireEvent({ n: 'web_vital', p: { metric: 'LCP', value: 2100, rating: 'good' } }),
      ],
    });
    expect(ok.status).toBe(200);
    expect(values()).toEqual([
      { name: 'checkout', value: 49.5, origin: 'web' },
      { name: 'web_vital', value: null, origin: 'web' },
    ]);
    for (const [value, limit] of [
      [-1, 0],
      [2e12, 1e12],
    ] as const) {
      const res = await t.collect({
        s: t.site.publicId,
        e: [wireEvent(), wireEvent({ n: 'checkout', p: { value } })],
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        field: 'e[1].p.value',
        limit,
        error: expect.stringContaining('from 0 to 1000000000000'),
      });
    }
    expect(values()).toHaveLength(2);
  });

  it('the site switch is off by default and set through the sites API', async () => {
    t = testApp();
    const url = `/api/sites/${t.site.publicId}`;
    expect(await (await t.app.request(url, { headers: admin })).json()).toMatchObject({
      webValues: false,
      unsignedIdentify: false,
    });
    const patched = await t.app.request(url, {
      method: 'PATCH',
      headers: admin,
      body: JSON.stringify({ webValues: true }),
    });
    expect(await patched.json()).toMatchObject({ webValues: true, unsignedIdentify: false });
  });

  it('reports an imported row whose value is out of bounds with its line', async () => {
    t = testApp();
    const path = join(t.dir, 'deals.csv');
    writeFileSync(
      path,
      'id,name,time,lead,value\nd1,deal_won,2026-11-20 10:00,L1,2000000000000\nd2,refund,2026-11-20 11:00,L1,-300\n',
    );
    const r = await importCsv({ db: t.db, site: t.site, path, now: Date.parse('2026-11-23T00:00:00Z') });
    expect(r.bad).toEqual([{ line: 2, errors: ['value must be at most 1000000000000'] }]);
    expect(values()).toEqual([{ name: 'refund', value: -300, origin: 'import' }]);
  });
});
