import { afterEach, describe, expect, it } from 'vitest';
import { checkChains } from '../../../collector/alerts/check-chains';
import { poissonAtLeast, poissonZero } from '../../../collector/alerts/poisson';
import type { PendingEvent } from '../../../collector/ingest/pending-event';
import { type TestApp, testApp } from '../../support/test-app';

const HOUR = 3600_000;
const WEEK = 7 * 24 * HOUR;
const NOW = Date.parse('2026-12-03T15:00:00Z');

let seq = 0;
let t: TestApp;
afterEach(() => t?.close());

const event = (name: string, ts: number): PendingEvent => ({
  siteId: t.site.id,
  uid: `o:chain-${++seq}`,
  name,
  visitorKey: `visitor-${seq % 50}`,
  ts,
  receivedAt: ts,
  path: '/booking',
  url: null,
  referrer: null,
  props: null,
  value: null,
  lead: null,
  origin: 'offline',
  session: null,
});

/** `n` events of `name` spread over the 3 hours before `end`. */
const spread = (name: string, n: number, end: number) =>
  Array.from({ length: n }, (_, i) => event(name, end - 3 * HOUR + Math.floor(((i + 0.5) * 3 * HOUR) / n)));

async function setUp(): Promise<void> {
  t = testApp({ now: () => NOW });
  await t.call('POST', `/api/sites/${t.site.publicId}/alerts/channels`, {
    kind: 'webhook',
    url: 'http://127.0.0.1:9/never',
    secret: 'whsec-chain-0123456789',
  });
  // Four past weeks: at these hours, 10 form submits, 40 pageviews and about one 404.
  for (let w = 1; w <= 4; w++) {
    const end = NOW - w * WEEK;
    await t.writer.write([
      ...spread('form_submit', 10, end),
      ...spread('pageview', 40, end),
      ...spread('not_found', 1, end),
    ]);
  }
}

const alerts = () =>
  t
    .rows<{ type: string; payload: string }>('SELECT type, payload FROM alert_outbox ORDER BY id')
    .map((r) => ({
      type: r.type,
      chain: JSON.parse(r.payload).chain,
    }));

describe('poisson', () => {
  it('tails', () => {
    expect(poissonZero(10)).toBeCloseTo(4.54e-5, 7);
    expect(poissonAtLeast(0, 3)).toBe(1);
    expect(poissonAtLeast(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(poissonAtLeast(15, 1)).toBeLessThan(1e-10);
  });
});

describe('broken-chain alerts', () => {
  it('a form that stops while traffic goes on fires once, and resolves once when it works again', async () => {
    await setUp();
    await t.writer.write(spread('pageview', 38, NOW));
    expect(checkChains(t.db, NOW)).toBe(1);
    expect(checkChains(t.db, NOW + 60_000)).toBe(0);
    expect(alerts()).toEqual([
      {
        type: 'chain',
        chain: expect.objectContaining({
          rule: 'drop:form_submit',
          observed: 0,
          expected: 10,
          windowHours: 3,
        }),
      },
    ]);
    expect(alerts()[0]!.chain.probability).toBeLessThan(0.01);
    await t.writer.write([event('form_submit', NOW + 2 * 60_000)]);
    expect(checkChains(t.db, NOW + 3 * 60_000)).toBe(1);
    expect(checkChains(t.db, NOW + 4 * 60_000)).toBe(0);
    expect(alerts().map((a) => a.type)).toEqual(['chain', 'chain_resolved']);
  });

  it('no alert when traffic stopped too (the site is down, not the form), nor at hours with no history', async () => {
    await setUp();
    await t.writer.write(spread('pageview', 5, NOW));
    expect(checkChains(t.db, NOW)).toBe(0);
    expect(checkChains(t.db, NOW + 12 * HOUR)).toBe(0); // 03:00: nothing happened then in past weeks
  });

  it('a 404 surge fires; normal 404s do not', async () => {
    await setUp();
    await t.writer.write([
      ...spread('pageview', 40, NOW),
      ...spread('form_submit', 9, NOW),
      ...spread('not_found', 2, NOW),
    ]);
    expect(checkChains(t.db, NOW)).toBe(0);
    await t.writer.write(spread('not_found', 13, NOW));
    expect(checkChains(t.db, NOW)).toBe(1);
    expect(alerts()[0]).toMatchObject({
      type: 'chain',
      chain: { rule: 'spike:not_found', observed: 15, expected: 1 },
    });
  });
});
