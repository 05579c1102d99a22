import { afterEach, describe, expect, it } from 'vitest';
import { businessDeadline } from '../../../collector/alerts/business-deadline';
import { checkBreaches } from '../../../collector/alerts/check-breaches';
import { wireEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

const PUBLIC = 'https://stats.example.com';
const WEEKDAYS_9_18 = { days: [0, 1, 2, 3, 4], open: '09:00', close: '18:00' };
const at = (iso: string) => Date.parse(iso);

describe('businessDeadline', () => {
  it('counts only open minutes, on the zone clock', () => {
    // Friday 2026-12-04 17:55 UTC, 15 minutes: 5 on Friday, 10 on Monday.
    expect(businessDeadline(at('2026-12-04T17:55:00Z'), 15, WEEKDAYS_9_18, 'UTC')).toBe(
      at('2026-12-07T09:10:00Z'),
    );
    expect(businessDeadline(at('2026-12-04T17:55:00Z'), 15, null, 'UTC')).toBe(at('2026-12-04T18:10:00Z'));
    // Moscow is UTC+3: 05:00 UTC is 08:00 there, so the clock starts at 06:00 UTC.
    expect(businessDeadline(at('2026-12-02T05:00:00Z'), 30, WEEKDAYS_9_18, 'Europe/Moscow')).toBe(
      at('2026-12-02T06:30:00Z'),
    );
    // Across the end of daylight saving time in Berlin (2026-10-25 03:00 CEST → 02:00 CET):
    // Monday 26 Oct 09:00 local is 08:00 UTC.
    expect(businessDeadline(at('2026-10-24T20:00:00Z'), 60, WEEKDAYS_9_18, 'Europe/Berlin')).toBe(
      at('2026-10-26T09:00:00Z'),
    );
  });
});

let clock = 0;
let t: TestApp;
afterEach(() => t?.close());

async function setUp(): Promise<void> {
  t = testApp({ now: () => clock });
  await t.call('POST', `/api/sites/${t.site.publicId}/alerts/channels`, {
    kind: 'webhook',
    url: 'http://127.0.0.1:9/never',
    secret: 'whsec-breach-0123456789',
  });
  await t.call('PATCH', `/api/sites/${t.site.publicId}/alerts/settings`, { businessHours: WEEKDAYS_9_18 });
}

const request = (ip: string) =>
  t.collect(
    { s: t.site.publicId, e: [wireEvent({ n: 'callback_request', u: 'http://localhost/contacts' })] },
    ip,
  );
const reminders = () =>
  t
    .rows<{ payload: string }>(`SELECT payload FROM alert_outbox WHERE type = 'reminder'`)
    .map((r) => JSON.parse(r.payload));

describe('standard breach reminders (fake clock)', () => {
  it('a request on Friday 17:55 is reminded once, just after Monday 09:10; an answered one never', async () => {
    clock = at('2026-12-04T17:55:00Z');
    await setUp();
    expect((await request('198.51.100.1')).status).toBe(200);
    expect((await request('198.51.100.2')).status).toBe(200);
    // The second visitor is called back on Saturday (an offline answer by the same visitor id).
    const visitors = t.rows<{ visitor_id: number }>('SELECT visitor_id FROM events ORDER BY id');
    clock = at('2026-12-05T10:00:00Z');
    const answer = await t.app.request(`/api/sites/${t.site.publicId}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.site.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: [{ name: 'callback_made', visitor: visitors[1]!.visitor_id }] }),
    });
    expect(answer.status).toBe(200);

    for (const now of ['2026-12-04T18:30:00Z', '2026-12-06T12:00:00Z', '2026-12-07T09:09:00Z']) {
      clock = at(now);
      expect(checkBreaches(t.db, PUBLIC, clock)).toBe(0);
    }
    clock = at('2026-12-07T09:11:00Z');
    expect(checkBreaches(t.db, PUBLIC, clock)).toBe(1);
    clock = at('2026-12-07T09:12:00Z');
    expect(checkBreaches(t.db, PUBLIC, clock)).toBe(0);
    const [r] = reminders();
    expect(r).toMatchObject({
      type: 'reminder',
      standard: { minutes: 15, deadline: '2026-12-07T09:10:00.000Z' },
      lead: { name: 'callback_request', page: '/contacts', visitor: visitors[0]!.visitor_id },
    });
    expect(reminders()).toHaveLength(1);
  });

  it("the site's own standard and time zone: 30 minutes, Moscow hours", async () => {
    clock = at('2026-12-02T05:00:00Z'); // 08:00 in Moscow, before opening
    await setUp();
    const site = await t.call('PATCH', `/api/sites/${t.site.publicId}`, {
      responseStandardMinutes: 30,
      timeZone: 'Europe/Moscow',
    });
    expect(site.status).toBe(200);
    await request('198.51.100.4');
    clock = at('2026-12-02T06:29:00Z');
    expect(checkBreaches(t.db, PUBLIC, clock)).toBe(0);
    clock = at('2026-12-02T06:31:00Z');
    expect(checkBreaches(t.db, PUBLIC, clock)).toBe(1);
    expect(reminders()[0].standard).toEqual({ minutes: 30, deadline: '2026-12-02T06:30:00.000Z' });
  });

  it('reminders off: nothing', async () => {
    clock = at('2026-12-02T10:00:00Z');
    await setUp();
    await t.call('PATCH', `/api/sites/${t.site.publicId}/alerts/settings`, { reminders: false });
    await request('198.51.100.3');
    clock = at('2026-12-02T11:00:00Z');
    expect(checkBreaches(t.db, PUBLIC, clock)).toBe(0);
  });
});
