import { afterEach, describe, expect, it } from 'vitest';
import { checkDigests } from '../../../collector/alerts/check-digests';
import { digestPeriod } from '../../../collector/alerts/digest-period';
import { createSqliteReports } from '../../../collector/reports/sqlite-reports';
import { wireEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

const at = (iso: string) => Date.parse(iso);
let clock = 0;
let t: TestApp;
afterEach(() => t?.close());

describe('digestPeriod', () => {
  it('last Monday–Sunday from 09:00 on Monday, on the site clock', () => {
    // Monday 2026-12-07 06:30 UTC is 09:30 in Moscow.
    expect(digestPeriod(at('2026-12-07T06:30:00Z'), 'weekly', 'Europe/Moscow')).toEqual({
      from: at('2026-11-29T21:00:00Z'),
      to: at('2026-12-06T21:00:00Z'),
    });
    expect(digestPeriod(at('2026-12-07T05:30:00Z'), 'weekly', 'Europe/Moscow')).toBeNull();
    expect(digestPeriod(at('2026-12-09T10:00:00Z'), 'daily', 'UTC')).toEqual({
      from: at('2026-12-08T00:00:00Z'),
      to: at('2026-12-09T00:00:00Z'),
    });
  });
});

describe('digests', () => {
  it("the weekly digest's figures equal GET conversions for that week, sent once", async () => {
    clock = at('2026-11-25T12:00:00Z'); // the week before
    t = testApp({ now: () => clock });
    const s = t.site.publicId;
    await t.call('POST', `/api/sites/${s}/alerts/channels`, {
      kind: 'webhook',
      url: 'http://127.0.0.1:9/never',
      secret: 'whsec-digest-0123456789',
    });
    await t.call('POST', `/api/sites/${s}/goals`, {
      name: 'Callback',
      definition: { kind: 'event', name: 'callback_request' },
    });
    await t.collect({ s, e: [wireEvent(), wireEvent({ n: 'callback_request' })] }, '198.51.100.1');
    clock = at('2026-12-02T12:00:00Z'); // the digest's week
    for (const ip of ['198.51.100.2', '198.51.100.3', '198.51.100.4'])
      await t.collect({ s, e: [wireEvent()] }, ip);
    await t.collect({ s, e: [wireEvent(), wireEvent({ n: 'callback_request' })] }, '198.51.100.5');
    await t.collect({ s, e: [wireEvent(), wireEvent({ n: 'chat_open' })] }, '198.51.100.6');

    const reports = createSqliteReports(t.read);
    expect(await checkDigests(t.db, reports, at('2026-12-07T08:59:00Z'))).toBe(0);
    expect(await checkDigests(t.db, reports, at('2026-12-07T09:01:00Z'))).toBe(1);
    expect(await checkDigests(t.db, reports, at('2026-12-07T15:00:00Z'))).toBe(0);
    const rows = t.rows<{ payload: string }>(`SELECT payload FROM alert_outbox WHERE type = 'digest'`);
    const d = JSON.parse(rows[0]!.payload).digest;

    clock = at('2026-12-07T09:01:00Z');
    const api = await t.call('GET', `/api/sites/${s}/conversions?from=2026-11-30&to=2026-12-06&compare=1`);
    expect(api.status).toBe(200);
    const goalSum = (p: { goals: { conversions: number }[] }) =>
      p.goals.reduce((n, g) => n + g.conversions, 0);
    expect(d.visitors).toEqual({ current: api.body.visitors, previous: api.body.previous.visitors });
    expect(d.leads).toEqual({
      current: api.body.leads.convertedVisitors,
      previous: api.body.previous.leads.convertedVisitors,
    });
    expect(d.conversions).toEqual({ current: goalSum(api.body), previous: goalSum(api.body.previous) });
    expect(d.visitors).toEqual({ current: 5, previous: 1 });
    expect(d.conversions).toEqual({ current: 1, previous: 1 });
  });
});
