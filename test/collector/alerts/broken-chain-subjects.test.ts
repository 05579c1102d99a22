import { afterEach, describe, expect, it } from 'vitest';
import { checkChains } from '../../../collector/alerts/check-chains';
import type { PendingEvent } from '../../../collector/ingest/pending-event';
import { type TestApp, testApp } from '../../support/test-app';

const HOUR = 3600_000;
const WEEK = 7 * 24 * HOUR;
const NOW = Date.parse('2026-12-03T15:00:00Z');

let seq = 0;
let t: TestApp;
afterEach(() => t?.close());

/** A web event of a fresh visitor (its own session, landing on `landing`) or of `visitor`. */
const web = (
  name: string,
  ts: number,
  path: string,
  props: object | null,
  visitor = `v-${++seq}`,
  landing = path,
) =>
  ({
    siteId: t.site.id,
    uid: `w:chain-${++seq}`,
    name,
    visitorKey: visitor,
    ts,
    receivedAt: ts,
    path,
    url: null,
    referrer: null,
    props: props && JSON.stringify(props),
    value: null,
    lead: null,
    origin: 'web',
    session: {
      landingPath: landing,
      referrerHost: null,
      channel: 'direct',
      utmSource: null,
      utmMedium: null,
      utmCampaign: null,
      device: null,
      browser: null,
      os: null,
      country: null,
    },
  }) satisfies PendingEvent;

/** `n` moments spread over the 3 hours before `end`. */
const spread = (n: number, end: number) =>
  Array.from({ length: n }, (_, i) => end - 3 * HOUR + Math.floor(((i + 0.5) * 3 * HOUR) / n));

async function setUp(): Promise<void> {
  t = testApp({ now: () => NOW });
  await t.call('POST', `/api/sites/${t.site.publicId}/alerts/channels`, {
    kind: 'webhook',
    url: 'http://127.0.0.1:9/never',
    secret: 'whsec-chain-0123456789',
  });
}

const alerts = () =>
  t
    .rows<{ type: string; payload: string }>('SELECT type, payload FROM alert_outbox ORDER BY id')
    .map((r) => ({ type: r.type, chain: JSON.parse(r.payload).chain }));

describe('broken-chain alerts per form and per landing page', () => {
  it('form_invalid surging on one form fires for that form, once, and resolves once', async () => {
    await setUp();
    // Past weeks at these hours: #booking had 1 invalid submit, #newsletter 12 (a busy, fussy form).
    for (let w = 1; w <= 4; w++)
      await t.writer.write([
        ...spread(1, NOW - w * WEEK).map((ts) => web('form_invalid', ts, '/book', { form: 'booking' })),
        ...spread(12, NOW - w * WEEK).map((ts) => web('form_invalid', ts, '/', { form: 'newsletter' })),
      ]);
    // Now: #booking 8 (P(X ≥ 8 | λ = 1) ≈ 1.0e-5), #newsletter its usual 12. Site-wide 20 against 13
    // would be P ≈ 0.04: no alert; per form, #booking stands out.
    await t.writer.write([
      ...spread(8, NOW).map((ts) => web('form_invalid', ts, '/book', { form: 'booking' })),
      ...spread(12, NOW).map((ts) => web('form_invalid', ts, '/', { form: 'newsletter' })),
    ]);
    expect(checkChains(t.db, NOW)).toBe(1);
    expect(checkChains(t.db, NOW + 60_000)).toBe(0);
    const [a] = alerts();
    expect(a).toMatchObject({
      type: 'chain',
      chain: {
        rule: 'spike:form_invalid:booking',
        subject: 'form_invalid (booking)',
        kind: 'spike',
        observed: 8,
        expected: 1,
        windowHours: 3,
      },
    });
    expect(a!.chain.probability).toBeCloseTo(
      1 - Math.exp(-1) * (1 + 1 + 1 / 2 + 1 / 6 + 1 / 24 + 1 / 120 + 1 / 720 + 1 / 5040),
      12,
    );
    expect(a!.chain.probability).toBeLessThan(0.01);
    // Three hours on, the window holds no invalid submit of #booking: resolved, once.
    expect(checkChains(t.db, NOW + 3 * HOUR + 60_000)).toBe(1);
    expect(checkChains(t.db, NOW + 3 * HOUR + 120_000)).toBe(0);
    expect(alerts().map((x) => [x.type, x.chain.rule])).toEqual([
      ['chain', 'spike:form_invalid:booking'],
      ['chain_resolved', 'spike:form_invalid:booking'],
    ]);
  });

  it('poor LCP surging on a landing page fires for that page; not-landing and needs-improvement LCPs do not count', async () => {
    await setUp();
    const lcp = (value: number) => ({ metric: 'LCP', value, rating: 'poor' });
    for (let w = 1; w <= 4; w++)
      await t.writer.write([
        ...spread(1, NOW - w * WEEK).map((ts) => web('web_vital', ts, '/promo', lcp(5200))),
        ...spread(20, NOW - w * WEEK).map((ts) => web('web_vital', ts, '/promo', lcp(1800))),
      ]);
    const now: PendingEvent[] = spread(7, NOW).map((ts) => web('web_vital', ts, '/promo', lcp(5200)));
    // 10 poor LCPs on /slow, each after landing on / (so /slow is not their landing page)…
    for (const ts of spread(10, NOW)) {
      const visitor = `v-${++seq}`;
      now.push(
        web('pageview', ts - 1000, '/', null, visitor),
        web('web_vital', ts, '/slow', lcp(6000), visitor, '/'),
      );
    }
    // …and 10 LCPs of 3.5 s on /mid: needs improvement, not poor (the value decides, not the rating sent).
    now.push(...spread(10, NOW).map((ts) => web('web_vital', ts, '/mid', lcp(3500))));
    await t.writer.write(now);
    const landing = t.rows<{ n: number }>(
      `SELECT count(*) AS n FROM events_v e JOIN sessions s ON s.id = e.session_id
        WHERE e.name = 'web_vital' AND e.path = '/slow' AND s.landing_path = '/'`,
    );
    expect(landing[0]!.n).toBe(10); // the fixture is what it says
    expect(checkChains(t.db, NOW)).toBe(1);
    expect(checkChains(t.db, NOW + 60_000)).toBe(0);
    expect(alerts()).toEqual([
      {
        type: 'chain',
        chain: expect.objectContaining({
          rule: 'spike:poor_lcp:/promo',
          subject: 'poor_lcp (/promo)',
          observed: 7,
          expected: 1,
        }),
      },
    ]);
    expect(checkChains(t.db, NOW + 3 * HOUR + 60_000)).toBe(1);
    expect(alerts().map((x) => x.type)).toEqual(['chain', 'chain_resolved']);
  });
});
