import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wireEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

let t: TestApp;
beforeEach(() => {
  t = testApp();
});
afterEach(() => t.close());

const offline = (events: unknown[]) =>
  t.app.request(`/api/sites/${t.site.publicId}/events`, {
    method: 'POST',
    body: JSON.stringify({ events }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.site.secret}` },
  });
const names = () => t.rows<{ name: string; origin: string }>('SELECT name, origin FROM events_v ORDER BY id');

describe('web and server-side event ids live in separate spaces', () => {
  it('a web event cannot take the id a later offline deal will be stored under', async () => {
    const web = await t.collect({ s: t.site.publicId, e: [wireEvent({ i: 'o:crm-0002', n: 'pageview' })] });
    expect(web.status).toBe(400);
    expect(await web.json()).toMatchObject({
      field: 'e[0].i',
      error: expect.stringContaining("must not contain ':'"),
    });
    expect(
      await (await offline([{ id: 'crm-0002', name: 'deal_won', lead: 'L1', value: 1200 }])).json(),
    ).toEqual({ stored: 1, duplicates: 0 });
    expect(names()).toEqual([{ name: 'deal_won', origin: 'offline' }]);
  });

  it('an offline id shaped like a web id does not block the web event, in either order', async () => {
    await offline([{ id: 'abcdefgh12345678', name: 'meeting', lead: 'L1' }]);
    const res = await t.collect({ s: t.site.publicId, e: [wireEvent({ i: 'abcdefgh12345678' })] });
    expect(await res.json()).toMatchObject({ stored: 1, duplicates: 0 });
    await t.collect({ s: t.site.publicId, e: [wireEvent({ i: 'zyxwvuts87654321' })] });
    expect(await (await offline([{ id: 'zyxwvuts87654321', name: 'meeting', lead: 'L1' }])).json()).toEqual({
      stored: 1,
      duplicates: 0,
    });
    expect(
      names()
        .map((r) => r.origin)
        .sort(),
    ).toEqual(['offline', 'offline', 'web', 'web']);
  });

  it('replays are still stored once: the same web event, the same offline event', async () => {
    const e = wireEvent({ i: 'replayed-web-1' });
    await t.collect({ s: t.site.publicId, e: [e] });
    expect(await (await t.collect({ s: t.site.publicId, e: [e] })).json()).toMatchObject({
      stored: 0,
      duplicates: 1,
    });
    await offline([{ id: 'crm-7', name: 'deal_won', lead: 'L1' }]);
    expect(await (await offline([{ id: 'crm-7', name: 'deal_won', lead: 'L1' }])).json()).toEqual({
      stored: 0,
      duplicates: 1,
    });
    expect(names()).toHaveLength(2);
  });
});
