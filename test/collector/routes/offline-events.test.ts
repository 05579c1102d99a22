import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wireEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

let t: TestApp;
beforeEach(() => {
  t = testApp();
});
afterEach(() => t.close());

const post = (body: unknown, secret = t.site.secret) =>
  t.app.request(`/api/sites/${t.site.publicId}/events`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
  });

describe('POST /api/sites/:site/events (offline touchpoints)', () => {
  it('401 without the site secret, 404 for an unknown site', async () => {
    expect((await post({ events: [{ name: 'deal_won', lead: 'L1' }] }, 'wrong')).status).toBe(401);
    const res = await t.app.request('/api/sites/nope/events', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(404);
  });

  it('validates each event and names the field', async () => {
    const res = await post({ events: [{ name: 'call_answered', lead: 'L1' }, { name: 'meeting' }] });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: 'events[1]' });
    const bad = await post({ events: [{ name: 'deal_won', lead: 'L1', time: 'yesterday' }] });
    expect(await bad.json()).toMatchObject({ field: 'events[0].time' });
    const future = await post({
      events: [{ name: 'deal_won', lead: 'L1', time: Date.now() + 3 * 86_400_000 }],
    });
    expect(future.status).toBe(400);
    expect((await post({ events: [{ name: 'deal_won', visitor: 99999 }] })).status).toBe(400);
  });

  it('joins offline events to the web visitor identified with the lead, before or after identify', async () => {
    // A deal arrives before the browser identifies the lead: it waits on a stand-in visitor.
    expect(
      await (
        await post({
          events: [{ id: 'crm-1', name: 'call_answered', lead: 'lead-8841', time: '2026-11-20T10:00:00Z' }],
        })
      ).json(),
    ).toEqual({ stored: 1, duplicates: 0 });
    // Signed by the site's server (README: identify).
    const sig = createHmac('sha256', t.site.secret).update('lead-8841').digest('hex');
    await t.collect({
      s: t.site.publicId,
      e: [wireEvent(), wireEvent({ n: 'identify', p: { lead: 'lead-8841', sig } })],
    });
    await post({ events: [{ id: 'crm-2', name: 'deal_won', lead: 'lead-8841', value: 1200 }] });
    const rows = t.rows<{ name: string; visitor: number; value: number | null; origin: string }>(
      'SELECT name, visitor, value, origin FROM events_v ORDER BY ts',
    );
    expect(new Set(rows.map((r) => r.visitor)).size).toBe(1);
    expect(rows.map((r) => r.name)).toEqual(['call_answered', 'pageview', 'identify', 'deal_won']);
    expect(rows.find((r) => r.name === 'deal_won')).toMatchObject({ value: 1200, origin: 'offline' });
  });

  it('stores a retried request once, with or without ids', async () => {
    const body = {
      events: [
        { name: 'meeting', lead: 'L2', time: 1_795_000_000_000 },
        { id: 'x1', name: 'deal_won', lead: 'L2' },
      ],
    };
    await post(body);
    expect(await (await post(body)).json()).toEqual({ stored: 0, duplicates: 2 });
  });

  it("links a lead to a visitor server-side: an event naming both moves the lead's earlier events", async () => {
    await post({
      events: [{ id: 'crm-1', name: 'call_answered', lead: 'lead-7', time: '2026-11-20T10:00:00Z' }],
    });
    await t.collect({ s: t.site.publicId, e: [wireEvent()] });
    const { visitor } = t.rows<{ visitor: number }>(
      `SELECT visitor FROM events_v WHERE name = 'pageview'`,
    )[0]!;
    expect((await post({ events: [{ id: 'crm-2', name: 'meeting', lead: 'lead-7', visitor }] })).status).toBe(
      200,
    );
    expect(t.rows('SELECT lead, visitor_id AS visitor FROM leads')).toEqual([{ lead: 'lead-7', visitor }]);
    expect(t.rows('SELECT DISTINCT visitor FROM events_v')).toEqual([{ visitor }]);
  });

  it('accepts the numeric visitor id the dashboard shows', async () => {
    await t.collect({ s: t.site.publicId, e: [wireEvent()] });
    const { visitor } = t.rows<{ visitor: number }>('SELECT visitor FROM events_v')[0]!;
    expect((await post({ events: [{ name: 'callback_made', visitor }] })).status).toBe(200);
    expect(t.rows('SELECT count(DISTINCT visitor_id) AS n FROM events')[0]).toEqual({ n: 1 });
  });
});
