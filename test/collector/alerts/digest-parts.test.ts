import { afterEach, describe, expect, it } from 'vitest';
import type { DigestInfo } from '../../../collector/alerts/alert-types';
import { checkDigests } from '../../../collector/alerts/check-digests';
import { ratingChanges, topSources } from '../../../collector/alerts/digest-parts';
import { renderAlert } from '../../../collector/alerts/render-alert';
import type { Reports } from '../../../collector/reports/reports';
import { createSqliteReports } from '../../../collector/reports/sqlite-reports';
import type { Conversions, Scorecard, ScorecardRow } from '../../../collector/reports/types';
import { wireEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

const at = (iso: string) => Date.parse(iso);
let clock = 0;
let t: TestApp;
afterEach(() => t?.close());

/** One visitor (by address) walking `pages`, 10 s apart; `lead` ends it with a callback request. */
async function walk(ip: string, pages: string[], lead = false): Promise<void> {
  const s = t.site.publicId;
  for (const [i, page] of pages.entries()) {
    clock += 10_000;
    const u = `http://localhost${page}${i === 0 && ip.endsWith('.7') ? '?utm_source=yandex&utm_medium=cpc' : ''}`;
    expect((await t.collect({ s, e: [wireEvent({ u })] }, ip)).status).toBe(200);
  }
  if (!lead) return;
  clock += 10_000;
  await t.collect({ s, e: [wireEvent({ u: 'http://localhost/prices', n: 'callback_request' })] }, ip);
}

describe('digest parts', () => {
  it("saved funnels' weakest links, response speed and top sources equal the API's", async () => {
    clock = at('2026-12-02T12:00:00Z'); // inside the digest's week (Mon 30 Nov – Sun 6 Dec)
    t = testApp({ now: () => clock });
    const s = t.site.publicId;
    await t.call('POST', `/api/sites/${s}/alerts/channels`, {
      kind: 'webhook',
      url: 'http://127.0.0.1:9/never',
      secret: 'whsec-digest-0123456789',
    });
    const goal = await t.call('POST', `/api/sites/${s}/goals`, {
      name: 'Callback',
      definition: { kind: 'event', name: 'callback_request' },
    });
    const definition = {
      steps: [
        { names: ['pageview'], page: '/' },
        { names: ['pageview'], page: '/prices' },
        { goal: goal.body.id },
      ],
    };
    expect(
      (await t.call('POST', `/api/sites/${s}/funnels`, { name: 'Callback path', definition })).status,
    ).toBe(201);
    // 8 visitors on /, 4 of them on /prices, 2 of those ask for a callback (.7 from yandex, .8 direct).
    for (const n of [1, 2, 3, 4]) await walk(`198.51.100.${n}`, ['/']);
    for (const n of [5, 6]) await walk(`198.51.100.${n}`, ['/', '/prices']);
    for (const n of [7, 8]) await walk(`198.51.100.${n}`, ['/', '/prices'], true);
    // .7 is called back 5 minutes later (within the 15-minute standard); .8 never.
    const [req] = t.rows<{ visitor: number; ts: number }>(
      `SELECT visitor, ts FROM events_v WHERE name = 'callback_request' ORDER BY ts LIMIT 1`,
    );
    clock += 10 * 60_000;
    const made = await t.app.request(`/api/sites/${s}/events`, {
      method: 'POST',
      body: JSON.stringify({
        events: [{ name: 'callback_made', visitor: req!.visitor, time: req!.ts + 300_000 }],
      }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.site.secret}` },
    });
    expect(made.status).toBe(200);

    const reports = createSqliteReports(t.read);
    expect(await checkDigests(t.db, reports, at('2026-12-07T09:01:00Z'))).toBe(1);
    const [row] = t.rows<{ payload: string }>(`SELECT payload FROM alert_outbox WHERE type = 'digest'`);
    const d = JSON.parse(row!.payload).digest as DigestInfo;
    clock = at('2026-12-07T09:01:00Z');
    const range = `from=${d.from}&to=${d.to}`;

    // Funnel: entered 8 → 4 → 2; steps 2 and 3 each lose 2 would-be conversions, the first wins the tie.
    const funnel = (
      await t.call('POST', `/api/sites/${s}/funnel`, { ...definition, from: at(d.from), to: at(d.to) })
    ).body;
    expect(funnel.steps.map((x: { entered: number }) => x.entered)).toEqual([8, 4, 2]);
    expect(d.funnels).toEqual([
      {
        id: expect.any(Number),
        name: 'Callback path',
        entered: 8,
        conversion: funnel.conversion,
        weakest: {
          step: funnel.weakest.step,
          label: funnel.steps[1].label,
          dropOff: funnel.weakest.dropOff,
          dropOffRate: funnel.weakest.dropOffRate,
          lostConversions: funnel.weakest.lostConversions,
        },
      },
    ]);
    expect(d.funnels[0]!.weakest).toMatchObject({
      step: 2,
      dropOff: 4,
      dropOffRate: 0.5,
      lostConversions: 2,
    });
    expect(d.funnels[0]!.conversion).toBe(0.25);

    const speed = (await t.call('GET', `/api/sites/${s}/response-speed?${range}`)).body;
    expect(d.response).toEqual({
      standardMinutes: speed.standardMs / 60_000,
      requests: speed.requests,
      withinStandard: speed.withinStandard,
      withinStandardShare: speed.withinStandardShare,
      unanswered: speed.unanswered,
      medianMs: speed.medianMs,
    });
    expect(d.response).toMatchObject({ requests: 2, withinStandard: 1, unanswered: 1, medianMs: 300_000 });

    const conv = (await t.call('GET', `/api/sites/${s}/conversions?${range}&compare=1`)).body as Conversions;
    const bySource = conv.sources
      .filter((x) => x.leads > 0 || Object.values(x.goals).some((n) => n > 0))
      .map((x) => ({
        channel: x.channel,
        source: x.source,
        conversions: Object.values(x.goals).reduce((a, b) => a + b, 0),
        leads: x.leads,
      }));
    expect(d.topSources).toEqual(bySource);
    expect(d.topSources.map((x) => [x.source, x.conversions, x.leads]).sort()).toEqual([
      ['(direct)', 1, 1],
      ['yandex', 1, 1],
    ]);

    // Rating changes against the scorecard API, this week and the week before.
    const week = 7 * 86_400_000;
    const card = async (from: number, to: number) =>
      (await t.call('GET', `/api/sites/${s}/scorecard?from=${from}&to=${to}`)).body as Scorecard;
    const [now, before] = [await card(at(d.from), at(d.to)), await card(at(d.from) - week, at(d.from))];
    const was = new Map(before.rows.map((r) => [r.key, r.rating]));
    expect(d.ratingChanges).toEqual(
      now.rows
        .filter((r) => was.has(r.key) && was.get(r.key) !== r.rating)
        .filter((r) => r.rating !== 'not-enough-data' && was.get(r.key) !== 'not-enough-data')
        .map((r) => ({ key: r.key, label: r.label, from: was.get(r.key), to: r.rating, reason: r.reason })),
    );

    const text = renderAlert({ ...JSON.parse(row!.payload), language: 'en' }).text;
    expect(text).toContain('Callbacks within 15 min: 1 of 2 (50 %), 1 unanswered');
    expect(text).toContain(
      'Funnel “Callback path”: 8 → 25 %; Weakest link: 2 “pageview /prices”, lost 4 (50 %)',
    );
  });
});

const row = (key: string, rating: ScorecardRow['rating']) =>
  ({ key, label: key, rating, reason: `${key} is ${rating}` }) as ScorecardRow;

describe('digest parts from hand-written reports', () => {
  it('rating changes: rated to rated only', async () => {
    const cards: Record<number, ScorecardRow[]> = {
      100: [
        row('a', 'ok'),
        row('b', 'wow'),
        row('c', 'not-enough-data'),
        row('d', 'annoying'),
        row('e', 'ok'),
      ],
      200: [row('a', 'annoying'), row('b', 'wow'), row('c', 'ok'), row('d', 'ok'), row('f', 'wow')],
    };
    const reports = {
      scorecard: async (_: number, q: { from: number }) => ({ rows: cards[q.from] }) as Scorecard,
    } as unknown as Reports;
    const site = { id: 1, responseStandardMinutes: 15, timeZone: 'UTC' } as Parameters<
      typeof ratingChanges
    >[1];
    expect(await ratingChanges(reports, site, { from: 200, to: 300 })).toEqual([
      { key: 'a', label: 'a', from: 'ok', to: 'annoying', reason: 'a is annoying' },
      { key: 'd', label: 'd', from: 'annoying', to: 'ok', reason: 'd is ok' },
    ]);
  });

  it('top sources: by goal conversions, then leads; nothing converted, left out; at most 5', () => {
    const src = (source: string, leads: number, goals: Record<string, number>) => ({
      channel: 'referral',
      source,
      campaign: null,
      visitors: 10,
      leads,
      goals,
      revenue: 0,
    });
    const c = {
      sources: [
        src('a', 5, {}),
        src('b', 1, { 1: 2, 2: 1 }),
        src('c', 0, {}),
        src('d', 2, { 1: 1 }),
        src('e', 3, { 1: 1 }),
        src('f', 1, {}),
        src('g', 0, { 2: 1 }),
      ],
    } as unknown as Conversions;
    expect(topSources(c).map((s) => [s.source, s.conversions, s.leads])).toEqual([
      ['b', 3, 1],
      ['e', 1, 3],
      ['d', 1, 2],
      ['g', 1, 0],
      ['a', 0, 5],
    ]);
  });
});
