import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINIC_START, CLINIC_UTC_OFFSET_MINUTES } from '../../../bench/clinic/clinic-site';
import type { ClickHouseReports } from '../../../collector/clickhouse/clickhouse-reports';
import { listGoals } from '../../../collector/goals/goal-store';
import type { Goal } from '../../../collector/model';
import type { ResponseSpeedQuery } from '../../../collector/reports/types';
import { loadParityCorpus, type ParityCorpus } from './parity-corpus';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);

/**
 * The parity suite for the reports of callbacks, leads and touchpoints: each answer from
 * ClickHouse equals the SQLite engine's as JSON, over the shop (callbacks returned by visitor and
 * by a lead linked later, one lead never seen) and the clinic (its site standard and time zone).
 */
let c: ParityCorpus;

beforeAll(async () => {
  c = await loadParityCorpus();
}, 180_000);

afterAll(async () => {
  await c?.close();
});

type Call = [label: string, run: (r: ClickHouseReports) => Promise<unknown>];

async function same(calls: Call[]): Promise<Map<string, any>> {
  const answers = new Map<string, any>();
  for (const [label, run] of calls) {
    const want = await run(c.sqlite);
    const got = await run(c.clickhouse);
    expect(got, label).toEqual(want);
    answers.set(label, want);
  }
  return answers;
}
const show = (f: object) => JSON.stringify(f);

const shopRanges = () => [
  { from: at('2026-11-01T00:00:00Z'), to: at('2026-12-01T00:00:00Z') },
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
    [c.s.site.id, shopRanges()],
    [c.clinic.id, clinicRanges()],
    [c.empty.id, shopRanges().slice(0, 1)],
  ] as const;

/** Clocks and standards: the site's own, DST zones across their autumn change, odd offsets. */
const clocks = (): Omit<ResponseSpeedQuery, 'from' | 'to'>[] => [
  {},
  { standardMs: c.clinic.responseStandardMinutes * MIN, timeZone: c.clinic.timeZone },
  { standardMs: 60 * MIN, timeZone: 'Europe/Berlin' },
  { standardMs: 5 * MIN, timeZone: 'America/New_York' },
  { utcOffsetMinutes: 330, timeZone: 'Europe/Berlin' },
  { utcOffsetMinutes: -570, standardMs: 24 * 60 * MIN },
  { utcOffsetMinutes: CLINIC_UTC_OFFSET_MINUTES, answerNames: ['callback_made'] },
  { requestName: 'call_missed', answerNames: ['call_answered', 'callback_made'], timeZone: 'Asia/Kolkata' },
];

describe('callback reports give the SQLite engine answer from ClickHouse', () => {
  it('response speed over ranges, clocks and standards', async () => {
    const calls: Call[] = [];
    for (const [id, ranges] of sites())
      for (const range of ranges)
        for (const clock of clocks()) {
          const q = { ...range, ...clock };
          calls.push([`responseSpeed ${id} ${show(q)}`, (r) => r.responseSpeed(id, q)]);
        }
    const a = await same(calls);
    const clinic = a.get(
      `responseSpeed ${c.clinic.id} ${show({ ...clinicRanges()[0]!, standardMs: 10 * MIN, timeZone: 'Europe/Moscow' })}`,
    );
    // The comparisons were not of empty answers: answered, late and unanswered requests all occur.
    expect(clinic.requests).toBeGreaterThan(20);
    expect(clinic.answered).toBeGreaterThan(clinic.withinStandard);
    expect(clinic.unanswered).toBeGreaterThan(0);
    expect(clinic.byHour.filter((s: { requests: number }) => s.requests > 0).length).toBeGreaterThan(5);
    const shop = a.get(`responseSpeed ${c.s.site.id} ${show(shopRanges()[0]!)}`);
    expect(shop.answered).toBe(3);
  }, 300_000);

  it('callback requests by status and limit', async () => {
    const calls: Call[] = [];
    for (const [id, ranges] of sites())
      for (const range of ranges)
        for (const clock of clocks().slice(0, 2))
          for (const status of ['missed', 'late', 'unanswered', 'all'] as const)
            for (const limit of status === 'all' ? [undefined, 3] : [undefined]) {
              const q = { ...range, ...clock, status, ...(limit ? { limit } : {}) };
              calls.push([`callbackRequests ${id} ${show(q)}`, (r) => r.callbackRequests(id, q)]);
            }
    const a = await same(calls);
    const all = a.get(`callbackRequests ${c.clinic.id} ${show({ ...clinicRanges()[0]!, status: 'all' })}`);
    expect(all.total).toBeGreaterThan(20);
    expect(new Set(all.rows.map((r: { status: string }) => r.status))).toEqual(
      new Set(['on-time', 'late', 'unanswered']),
    );
    const shop = a.get(`callbackRequests ${c.s.site.id} ${show({ ...shopRanges()[0]!, status: 'all' })}`);
    expect(
      shop.rows.map((r: { lead: string | null; waitedMs: number }) => [r.lead, r.waitedMs]),
    ).toContainEqual(['L7', 30 * MIN]);
  }, 300_000);

  it('conversions for every model, lookback and comparison', async () => {
    const calls: Call[] = [];
    for (const [id, ranges] of sites()) {
      const goals = [
        ...listGoals(c.s.db, id),
        {
          ...listGoals(c.s.db, c.s.site.id)[0]!,
          id: 999,
          name: 'pages',
          definition: { kind: 'page', pattern: '/s*' },
        },
      ] as Goal[];
      // Each call asks the goal stats of every goal twice: a few ranges keep the suite in minutes.
      for (const [i, range] of ranges.slice(0, 2).entries())
        for (const model of ['firstTouch', 'lastTouch', 'lastSignificant'] as const) {
          const q = { ...range, model, currency: 'RUB', ...(i ? { lookbackMs: DAY } : { compare: true }) };
          calls.push([`conversions ${id} ${show(q)}`, (r) => r.conversions(id, goals, q)]);
        }
    }
    const a = await same(calls);
    const q = { ...clinicRanges()[0]!, model: 'lastSignificant', currency: 'RUB', compare: true };
    const clinic = a.get(`conversions ${c.clinic.id} ${show(q)}`);
    expect(clinic.leads.conversions).toBeGreaterThan(20);
    expect(clinic.revenue.total).toBeGreaterThan(0);
    expect(clinic.campaigns.length).toBeGreaterThan(1);
    expect(clinic.sources.some((r: { revenue: number }) => r.revenue > 0)).toBe(true);
    expect(clinic.unattributed).toBeGreaterThanOrEqual(0);
    const shop = a.get(
      `conversions ${c.s.site.id} ${show({ ...shopRanges()[0]!, model: 'firstTouch', currency: 'RUB', compare: true })}`,
    );
    // L4's deal, stored before L4 was linked to v4, is credited to v4's social session.
    expect(shop.revenue.byName.map((n: { name: string }) => n.name)).toContain('deal_won');
    expect(shop.sources.find((r: { channel: string }) => r.channel === 'social')?.revenue).toBe(99.5);
  }, 600_000);

  it('the scorecard against every goal kind and any contact', async () => {
    const calls: Call[] = [];
    for (const [id, ranges] of sites()) {
      const goals: (Goal | null)[] = [null, ...listGoals(c.s.db, id)];
      for (const range of ranges.slice(0, 2))
        for (const goal of goals) {
          const q = { ...range, goal, responseStandardMs: c.clinic.responseStandardMinutes * MIN };
          calls.push([`scorecard ${id} ${goal?.name} ${show(range)}`, (r) => r.scorecard(id, q)]);
        }
    }
    const a = await same(calls);
    const clinic = a.get(`scorecard ${c.clinic.id} undefined ${show(clinicRanges()[0]!)}`);
    expect(clinic.rows.length).toBeGreaterThan(10);
    // Every check was compared on data: rated rows, and outcomes (the goal's own callbacks here).
    type Judged = { quality: { checks: { check: string; checked: number }[] } | null };
    const checks = new Set(
      [...clinic.rows, ...clinic.outcomes].flatMap((r: Judged) =>
        (r.quality?.checks ?? []).filter((x) => x.checked > 0).map((x) => x.check),
      ),
    );
    for (const check of ['late-callback', 'form-abandoned', 'not-found', 'poor-vitals'])
      expect([...checks], check).toContain(check);
  }, 600_000);
});
