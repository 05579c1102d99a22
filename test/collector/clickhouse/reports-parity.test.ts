import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINIC_START, CLINIC_UTC_OFFSET_MINUTES } from '../../../bench/clinic/clinic-site';
import { generateClinic } from '../../../bench/clinic/generate-clinic';
import { loadClinic } from '../../../bench/clinic/load-clinic';
import {
  type ClickHouseReports,
  createClickHouseReports,
} from '../../../collector/clickhouse/clickhouse-reports';
import { copySpool } from '../../../collector/clickhouse/copy-spool';
import { migrateClickHouse } from '../../../collector/clickhouse/migrate-clickhouse';
import { goalCondition } from '../../../collector/goals/goal-condition';
import { createGoal, listGoals } from '../../../collector/goals/goal-store';
import type { Goal, Site, StepCondition } from '../../../collector/model';
import type { Reports } from '../../../collector/reports/reports';
import { createSqliteReports } from '../../../collector/reports/sqlite-reports';
import type { FunnelQuery, ReportFilter } from '../../../collector/reports/types';
import { createSite } from '../../../collector/store/sites';
import { NOW, pendingEvent, type Seeded, seedSite } from '../../support/seed';
import { type TestClickHouse, testClickHouse } from './local-clickhouse';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

/**
 * The parity suite: the same events in both engines (written once through the collector's writer,
 * then copied from the SQLite file into a real ClickHouse), every report method asked the same
 * questions over several ranges and filters, answers compared as JSON, engine against engine.
 * Corpus: the November shop (test/support/seed.ts) with offline events for a lead that is linked
 * later and one never linked, and the generated three-week clinic (bench/clinic/).
 */
let ch: TestClickHouse;
let s: Seeded;
let clinic: Site;
let empty: Site;
let sqlite: Reports;
let clickhouse: ClickHouseReports;

beforeAll(async () => {
  ch = await testClickHouse();
  await migrateClickHouse(ch.client, 'tp');
  s = await seedSite();
  // An offline deal for a lead that v4 identifies only later (stored on a stand-in, then
  // re-pointed in SQLite; followed through `leads` in ClickHouse), and one for a lead never seen.
  const site = s.site.id;
  await s.writer.write([
    pendingEvent(site, {
      name: 'deal_won',
      visitorKey: '',
      ts: at('2026-11-22T18:30:00Z'),
      lead: 'L4',
      value: 99.5,
      origin: 'offline',
      path: null,
      url: null,
    }),
    pendingEvent(site, {
      name: 'callback_made',
      visitorKey: '',
      ts: at('2026-11-22T19:00:00Z'),
      lead: 'L9',
      origin: 'offline',
      path: null,
      url: null,
    }),
  ]);
  await s.writer.write([
    pendingEvent(site, {
      name: 'identify',
      visitorKey: 'h:v4',
      ts: at('2026-11-22T18:01:00Z'),
      lead: 'L4',
      linkLead: 'L4',
      path: '/',
      url: 'https://shop.example/',
    }),
  ]);
  createGoal(
    s.db,
    site,
    {
      name: 'Priced then called',
      definition: {
        kind: 'composite',
        steps: [{ names: ['pageview'], page: '/pricing' }, { names: ['callback_request'] }],
      },
    },
    NOW,
  );
  clinic = createSite(s.db, { domain: 'clinic.example' });
  await loadClinic(s.db, clinic, generateClinic());
  createGoal(s.db, clinic.id, {
    name: 'Booking flow',
    definition: {
      kind: 'composite',
      steps: [{ names: ['pageview'], page: '/booking' }, { names: ['appointment_booked'] }],
      windowMinutes: 120,
    },
  });
  empty = createSite(s.db, { domain: 'empty.example' });
  await copySpool(ch.client, 'tp', s.db, { instance: 0 });
  sqlite = createSqliteReports(s.db);
  clickhouse = createClickHouseReports(ch.client, 'tp');
}, 120_000);

afterAll(async () => {
  await s?.writer.close();
  s?.close();
  await ch?.stop();
});

type Call = [label: string, run: (r: ClickHouseReports) => Promise<unknown>];

/** Every call on both engines; the answers must be equal. Returns them by label, to check the corpus reached them. */
async function same(calls: Call[]): Promise<Map<string, any>> {
  const answers = new Map<string, any>();
  for (const [label, run] of calls) {
    const want = await run(sqlite);
    const got = await run(clickhouse);
    expect(got, label).toEqual(want);
    answers.set(label, want);
  }
  return answers;
}
const full = () => ({ from: CLINIC_START, to: CLINIC_START + 22 * DAY });

const shopRanges = () => [
  { from: at('2026-11-01T00:00:00Z'), to: at('2026-12-01T00:00:00Z') },
  { from: at('2026-11-20T00:00:00Z'), to: at('2026-11-21T00:00:00Z') },
  { from: at('2026-11-21T14:00:00Z'), to: at('2026-11-22T18:00:00Z') },
  { from: at('2026-09-01T00:00:00Z'), to: at('2026-12-01T00:00:00Z') },
];
const clinicRanges = () => [
  { from: CLINIC_START, to: CLINIC_START + 22 * DAY },
  { from: CLINIC_START + 7 * DAY, to: CLINIC_START + 14 * DAY },
  { from: CLINIC_START + 3 * DAY + 9 * HOUR, to: CLINIC_START + 4 * DAY + 2 * HOUR },
  { from: CLINIC_START - 30 * DAY, to: CLINIC_START - 29 * DAY },
];
const sites = () =>
  [
    [s.site.id, shopRanges()],
    [clinic.id, clinicRanges()],
  ] as const;

function filters(siteId: number, r: { from: number; to: number }): ReportFilter[] {
  return [
    { siteId, ...r },
    { siteId, ...r, channel: 'search' },
    { siteId, ...r, device: 'mobile' },
    { siteId, ...r, page: '/pricing' },
    { siteId, ...r, channel: 'direct', device: 'desktop' },
  ];
}

/** The filters of the dashboard's reports: each session attribute, the page matched whole, by its start or by part. */
const dashboardFilters = () =>
  sites().flatMap(([id, ranges]) =>
    ranges.flatMap((r): ReportFilter[] => [
      ...filters(id, r),
      { siteId: id, ...r, country: 'RU' },
      { siteId: id, ...r, page: '/serv', pageMatch: 'prefix' },
      { siteId: id, ...r, page: 'ook', pageMatch: 'contains', device: 'mobile' },
    ]),
  );
const show = (f: object) => JSON.stringify(f);

describe('every report gives the SQLite engine answer from ClickHouse', () => {
  it('overview, timeseries, sources and page speed over ranges and filters', async () => {
    const a = await same(
      dashboardFilters().flatMap((f): Call[] => [
        [`overview ${show(f)}`, (r) => r.overview(f)],
        [`timeseries hour ${show(f)}`, (r) => r.timeseries(f, HOUR)],
        [`timeseries day ${show(f)}`, (r) => r.timeseries(f, DAY)],
        [`sources ${show(f)}`, (r) => r.sources(f)],
        [`pageSpeed ${show(f)}`, (r) => r.pageSpeed(f)],
      ]),
    );
    // The comparisons were not of empty answers.
    const f = { siteId: clinic.id, ...full() };
    expect(a.get(`overview ${show(f)}`).visitors).toBeGreaterThan(3000);
    expect(a.get(`sources ${show(f)}`).utmCampaigns.length).toBeGreaterThan(2);
    expect(a.get(`pageSpeed ${show(f)}`).some((v: { rating: string }) => v.rating === 'poor')).toBe(true);
  }, 120_000);

  it('audience and page speed rows over ranges and every filter', async () => {
    const a = await same(
      dashboardFilters().flatMap((f): Call[] => [
        [`audience ${show(f)}`, (r) => r.audience(f)],
        [`pageSpeedRows ${show(f)}`, (r) => r.pageSpeedRows(f)],
      ]),
    );
    const f = { siteId: clinic.id, ...full() };
    expect(a.get(`audience ${show(f)}`).devices.length).toBeGreaterThan(1);
    expect(a.get(`audience ${show({ ...f, country: 'RU' })}`).countries[0].sessions).toBeGreaterThan(1000);
    expect(a.get(`pageSpeedRows ${show(f)}`).some((v: { rating: string }) => v.rating === 'poor')).toBe(true);
  }, 120_000);

  it('page reports over ranges and every filter, converted by each goal kind', async () => {
    const conversions = (id: number): [string, StepCondition][] => [
      ...listGoals(s.db, id).flatMap((g): [string, StepCondition][] => {
        const cond = goalCondition(g.definition);
        return cond ? [[g.name, cond]] : [];
      }),
      ['contact', goalCondition({ kind: 'contact' })!],
    ];
    // Every filter over a whole and a partial range converted by contacts; every goal kind over
    // each range unfiltered (the report costs a few passes over the range on either engine).
    const some = new Set(
      [...shopRanges(), ...clinicRanges()].filter((_, i) => i % 4 === 0 || i % 4 === 2).map(show),
    );
    const a = await same(
      dashboardFilters().flatMap((f): Call[] =>
        conversions(f.siteId)
          .filter(([name]) =>
            Object.keys(f).length === 3
              ? true
              : name === 'contact' && some.has(show({ from: f.from, to: f.to })),
          )
          .map(([name, cond]): Call => [`pageReport ${name} ${show(f)}`, (r) => r.pageReport(f, cond)]),
      ),
    );
    const p = a.get(`pageReport contact ${show({ siteId: clinic.id, ...full() })}`);
    expect(p.top.length).toBeGreaterThan(5);
    expect(p.entry.some((r: { bounceRate: number }) => r.bounceRate > 0)).toBe(true);
    expect(p.exit.some((r: { conversions: number }) => r.conversions > 0)).toBe(true);
    expect(p.top.some((r: { scrollDepth: number | null }) => r.scrollDepth !== null)).toBe(true);
    // The deal of lead L4, linked after it was stored, converts v4's pages.
    const deals = a.get(`pageReport Deal won ${show({ siteId: s.site.id, ...shopRanges()[0]! })}`);
    expect(deals.top.some((r: { conversions: number }) => r.conversions > 0)).toBe(true);
  }, 600_000);

  it('engagement over ranges and every filter', async () => {
    const a = await same(
      dashboardFilters().map((f): Call => [`engagement ${show(f)}`, (r) => r.engagement(f)]),
    );
    const e = a.get(`engagement ${show({ siteId: clinic.id, ...full() })}`);
    expect(e.sessions).toBeGreaterThan(3000);
    expect(e.bounces).toBeGreaterThan(0);
    expect(e.bounces).toBeLessThan(e.sessions);
    expect(e.timeOnSiteSeconds).toBeGreaterThan(0);
  }, 120_000);

  it('touchpoint details of every kind over ranges and every filter', async () => {
    const kinds = [
      'forms',
      'not_found',
      'messenger_click',
      'file_download',
      'review_submit',
      'site_search',
    ] as const;
    const a = await same(
      dashboardFilters().flatMap((f): Call[] =>
        kinds.map(
          (kind): Call => [`touchpointDetail ${kind} ${show(f)}`, (r) => r.touchpointDetail(f, kind)],
        ),
      ),
    );
    const f = show({ siteId: clinic.id, ...full() });
    expect(a.get(`touchpointDetail forms ${f}`).rows[0].fields.length).toBeGreaterThan(1);
    expect(a.get(`touchpointDetail not_found ${f}`).rows[0].referrers.length).toBeGreaterThan(0);
    expect(a.get(`touchpointDetail review_submit ${f}`).ratings.length).toBeGreaterThan(2);
    expect(a.get(`touchpointDetail review_submit ${f}`).average).toBeGreaterThan(1);
    for (const kind of ['messenger_click', 'file_download', 'site_search'])
      expect(a.get(`touchpointDetail ${kind} ${f}`).rows.length, kind).toBeGreaterThan(0);
  }, 180_000);

  it('realtime, event names, pages and the first event', async () => {
    const nows = [
      at('2026-11-20T10:10:00Z'),
      at('2026-11-21T14:00:00Z'),
      CLINIC_START + 2 * DAY + 11 * HOUR + 17_777,
      CLINIC_START + 9 * DAY + 19 * HOUR,
    ];
    const calls: Call[] = [];
    for (const id of [s.site.id, clinic.id, empty.id]) {
      for (const now of nows) calls.push([`realtime ${id} ${now}`, (r) => r.realtime(id, now)]);
      for (const since of [0, at('2026-11-21T00:00:00Z'), CLINIC_START + 10 * DAY]) {
        calls.push([`eventNames ${id} ${since}`, (r) => r.eventNames(id, since)]);
        calls.push([`pages ${id} ${since}`, (r) => r.pages(id, since)]);
      }
      calls.push([`firstEvent ${id}`, (r) => r.firstEvent(id)]);
    }
    const a = await same(calls);
    expect(a.get(`realtime ${clinic.id} ${nows[3]}`).recent.length).toBeGreaterThan(3);
    expect(a.get(`firstEvent ${empty.id}`).hasEvents).toBe(false);
  }, 120_000);

  it('goal stats and attribution for every goal kind', async () => {
    const goalsOf = (id: number) => listGoals(s.db, id);
    const calls: Call[] = [];
    for (const [id, ranges] of sites()) {
      const goals: Goal[] = [
        ...listGoals(s.db, id),
        {
          id: 0,
          siteId: id,
          name: 'contact',
          value: 10,
          currency: null,
          definition: { kind: 'contact' },
          createdAt: 0,
          updatedAt: 0,
        },
        {
          id: -1,
          siteId: id,
          name: 'pages',
          value: null,
          currency: null,
          definition: { kind: 'page', pattern: '/s*' },
          createdAt: 0,
          updatedAt: 0,
        },
      ];
      for (const g of goals)
        for (const range of ranges) {
          for (const utcOffsetMinutes of [0, CLINIC_UTC_OFFSET_MINUTES])
            calls.push([
              `goalStats ${g.name} ${show(range)} ${utcOffsetMinutes}`,
              (r) => r.goalStats(id, g, { ...range, utcOffsetMinutes }),
            ]);
          calls.push([`attribution ${g.name} ${show(range)}`, (r) => r.attribution(id, g, range)]);
          calls.push([
            `attribution 1 day ${g.name} ${show(range)}`,
            (r) => r.attribution(id, g, { ...range, lookbackMs: DAY }),
          ]);
        }
    }
    const a = await same(calls);
    const flow = goalsOf(clinic.id).find((g) => g.definition.kind === 'composite')!;
    expect(a.get(`goalStats ${flow.name} ${show(full())} 180`).conversions).toBeGreaterThan(10);
    const deal = goalsOf(s.site.id).find((g) => g.name === 'Deal won')!;
    // The deal of lead L4, linked after it was stored, is credited to v4's social session.
    const deals = a.get(`attribution ${deal.name} ${show(shopRanges()[0]!)}`);
    expect(deals.conversions).toBe(2);
    expect(deals.models.firstTouch.byChannel.map((c: { channel: string }) => c.channel)).toContain('social');
  }, 180_000);

  it('funnels on the clinic: every mode, count, breakdown, comparison and trend', async () => {
    const steps = [
      { names: ['pageview'], page: '/services/*' },
      { names: ['pageview'], page: '/booking' },
      { names: ['form_start'] },
      { names: ['appointment_booked'] },
    ];
    const calls: Call[] = [];
    for (const range of clinicRanges())
      for (const mode of ['ordered', 'strict', 'any'] as const) {
        const q: FunnelQuery = {
          siteId: clinic.id,
          steps,
          mode,
          windowMs: DAY,
          ...range,
          utcOffsetMinutes: CLINIC_UTC_OFFSET_MINUTES,
        };
        calls.push([`funnel ${mode} ${show(range)}`, (r) => r.funnel(q)]);
        calls.push([
          `funnel ${mode} by session, device, compare ${show(range)}`,
          (r) => r.funnel({ ...q, countBy: 'session', breakdown: 'device', compare: true, windowMs: HOUR }),
        ]);
        calls.push([
          `funnel ${mode} excluding not_found, by channel ${show(range)}`,
          (r) => r.funnel({ ...q, exclusions: [{ names: ['not_found'] }], breakdown: 'channel' }),
        ]);
      }
    const a = await same(calls);
    expect(a.get(`funnel ordered ${show(full())}`).steps[3].entered).toBeGreaterThan(10);
  }, 300_000);

  it('the CSV export: the same rows, with the store-wide visitor ids', async () => {
    for (const [site, range] of [
      [s.site, { from: null, to: null }],
      [clinic, { from: CLINIC_START + 3 * DAY, to: CLINIC_START + 5 * DAY }],
    ] as const) {
      const text = async (r: ClickHouseReports) => {
        let out = '';
        const sink = new Writable({
          write(chunk, _enc, done) {
            out += chunk;
            done();
          },
        });
        const n = await r.exportCsv(site, range, sink);
        return { n, lines: out.split('\r\n').length > 1 ? out.split('\r\n') : out.split('\n') };
      };
      const want = await text(sqlite);
      const got = await text(clickhouse);
      expect(got.n).toEqual(want.n);
      expect(want.n.events).toBeGreaterThan(20);
      // Column 5 is the visitor: an integer local to the file there, a 64-bit hash here. The
      // same visitors must be the same people: map one onto the other, one to one.
      const visitorMap = new Map<string, string>();
      const strip = (line: string, other?: string) => {
        const cells = line.split(',');
        if (other !== undefined) {
          const v = other.split(',')[4]!;
          const prev = visitorMap.get(v);
          if (prev === undefined) visitorMap.set(v, cells[4]!);
          else expect(cells[4]).toBe(prev);
        }
        cells[4] = '';
        return cells.join(',');
      };
      expect(got.lines.length).toBe(want.lines.length);
      expect(got.lines.map((l, i) => strip(l, i ? want.lines[i] : undefined))).toEqual(
        want.lines.map((l) => strip(l)),
      );
      expect(new Set(visitorMap.values()).size).toBe(visitorMap.size);
    }
  }, 120_000);
});
