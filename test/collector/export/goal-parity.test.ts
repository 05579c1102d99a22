import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSqliteExport } from '../../../collector/export/write-sqlite-export';
import type { PendingEvent } from '../../../collector/ingest/pending-event';
import { emptySite, pendingEvent, type Seeded, sessionSeed } from '../../support/seed';
import { ADMIN_TOKEN, type TestApp, testApp } from '../../support/test-app';

const ADMIN = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
const at = (iso: string) => Date.parse(iso);
const FROM = at('2026-11-10T00:00:00Z');
const TO = at('2026-11-20T00:00:00Z');

let s: Seeded;
let t: TestApp;
let n = 0;

beforeEach(() => {
  s = emptySite();
  t = testApp({ db: s });
});
afterEach(async () => {
  await t?.close();
  s?.close();
});

const direct = sessionSeed('direct', '/');
const web = (
  key: string,
  name: string,
  iso: string,
  path: string,
  over: Partial<PendingEvent> = {},
): PendingEvent =>
  pendingEvent(s.site.id, {
    name,
    visitorKey: key,
    ts: at(iso),
    receivedAt: at(iso),
    path,
    url: `https://shop.example${path}`,
    session: direct,
    ...over,
  });
const offline = (lead: string, name: string, iso: string, value: number | null = null): PendingEvent =>
  pendingEvent(s.site.id, {
    uid: `o${++n}`,
    name,
    visitorKey: '',
    ts: at(iso),
    receivedAt: at(iso),
    path: null,
    url: null,
    value,
    lead,
    origin: 'offline',
  });

async function createGoal(body: object): Promise<number> {
  const res = await t.app.request(`/api/sites/${s.site.publicId}/goals`, {
    method: 'POST',
    headers: ADMIN,
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: number }).id;
}

interface Stats {
  conversions: number;
  convertedVisitors: number;
  value: number;
}
async function apiStats(goal: number, from = FROM, to = TO): Promise<Stats> {
  const res = await t.app.request(`/api/sites/${s.site.publicId}/goals/${goal}?from=${from}&to=${to}`, {
    headers: ADMIN,
  });
  expect(res.status).toBe(200);
  const { stats } = (await res.json()) as { stats: Stats };
  return { conversions: stats.conversions, convertedVisitors: stats.convertedVisitors, value: stats.value };
}

async function exportRange(from: number | null, to: number | null): Promise<Database.Database> {
  const file = join(s.dir, `export-${++n}.sqlite`);
  await writeSqliteExport({ sourcePath: s.path, site: s.site.publicId, range: { from, to }, outPath: file });
  return new Database(file, { readonly: true });
}
const exported = (out: Database.Database, goal: number): Stats =>
  out
    .prepare(
      'SELECT count(*) AS conversions, count(DISTINCT visitor) AS convertedVisitors, total(value) AS value FROM conversions WHERE goal = ?',
    )
    .get(goal) as Stats;

describe("SQLite export: conversions are the goals API's", () => {
  it('gives the count, visitors and value sum of GET goals/:id for every kind of goal', async () => {
    await s.writer.write([
      // Before the range: converts nothing here.
      web('h:early', 'pageview', '2026-11-09T23:00:00Z', '/pricing'),
      web('h:early', 'callback_request', '2026-11-09T23:01:00Z', '/pricing'),
      // a: prices, asks for a callback, a 5-star review, clicks the phone; later wins a deal offline.
      web('h:a', 'pageview', '2026-11-12T10:00:00Z', '/'),
      web('h:a', 'pageview', '2026-11-12T10:01:00Z', '/pricing'),
      web('h:a', 'callback_request', '2026-11-12T10:03:00Z', '/pricing', { props: '{"form":"callback"}' }),
      web('h:a', 'review_submit', '2026-11-12T10:04:00Z', '/pricing', { props: '{"rating":5}' }),
      web('h:a', 'call_click', '2026-11-12T10:05:00Z', '/pricing', { props: '{"phone":"89120001122"}' }),
      web('h:a', 'identify', '2026-11-12T10:06:00Z', '/pricing', {
        lead: 'LA',
        props: '{"lead":"LA"}',
        linkLead: 'LA',
      }),
      // b: orders for 250, a 2-star review (as text), opens a chat.
      web('h:b', 'pageview', '2026-11-13T09:00:00Z', '/pricing'),
      web('h:b', 'form_submit', '2026-11-13T09:02:00Z', '/order', { props: '{"form":"order"}', value: 250 }),
      web('h:b', 'review_submit', '2026-11-13T09:03:00Z', '/order', { props: '{"rating":"2"}' }),
      web('h:b', 'chat_open', '2026-11-13T09:04:00Z', '/order', { props: '{"widget":"jivo"}' }),
      // c: lands on /thanks, orders without a value, signs up for news.
      web('h:c', 'pageview', '2026-11-14T12:00:00Z', '/thanks'),
      web('h:c', 'form_submit', '2026-11-14T12:01:00Z', '/thanks', { props: '{"form":"order"}' }),
      web('h:c', 'form_submit', '2026-11-14T12:02:00Z', '/thanks', { props: '{"form":"newsletter"}' }),
      // f: does the composite twice in one session (one conversion), the callback twice.
      web('h:f', 'pageview', '2026-11-15T08:00:00Z', '/pricing'),
      web('h:f', 'callback_request', '2026-11-15T08:01:00Z', '/pricing'),
      web('h:f', 'pageview', '2026-11-15T08:02:00Z', '/pricing'),
      web('h:f', 'callback_request', '2026-11-15T08:03:00Z', '/pricing'),
      // d: prices 10 minutes before the range ends and asks after it, in the same session.
      web('h:d', 'pageview', '2026-11-19T23:50:00Z', '/pricing'),
      web('h:d', 'callback_request', '2026-11-20T00:05:00Z', '/pricing'),
    ]);
    await s.writer.write([
      offline('LA', 'deal_won', '2026-11-15T10:00:00Z', 1200),
      offline('LX', 'deal_won', '2026-11-16T10:00:00Z', 800),
      offline('LX', 'deal_won', '2026-11-21T10:00:00Z', 500),
    ]);
    const goals = {
      page: await createGoal({
        name: 'Pricing',
        value: 5,
        definition: { kind: 'page', pattern: '/pricing' },
      }),
      url: await createGoal({
        name: 'Thanks URL',
        definition: { kind: 'page', pattern: 'https://shop.example/thanks*' },
      }),
      order: await createGoal({
        name: 'Order',
        value: 10,
        definition: { kind: 'event', name: 'form_submit', props: [{ key: 'form', value: 'order' }] },
      }),
      happy: await createGoal({
        name: 'Happy review',
        definition: { kind: 'event', name: 'review_submit', props: [{ key: 'rating', op: 'gte', value: 4 }] },
      }),
      deal: await createGoal({ name: 'Deal', definition: { kind: 'event', name: 'deal_won' } }),
      contact: await createGoal({ name: 'Contacted', value: 1, definition: { kind: 'contact' } }),
      phone: await createGoal({ name: 'Phoned', definition: { kind: 'contact', names: ['call_click'] } }),
      composite: await createGoal({
        name: 'Priced then asked',
        value: 100,
        definition: { kind: 'composite', steps: [{ page: '/pricing' }, { names: ['callback_request'] }] },
      }),
    };
    // Written by hand from the story above.
    const want: Record<keyof typeof goals, Stats> = {
      page: { conversions: 5, convertedVisitors: 4, value: 25 },
      url: { conversions: 1, convertedVisitors: 1, value: 0 },
      order: { conversions: 2, convertedVisitors: 2, value: 260 },
      happy: { conversions: 1, convertedVisitors: 1, value: 0 },
      deal: { conversions: 2, convertedVisitors: 2, value: 2000 },
      contact: { conversions: 5, convertedVisitors: 3, value: 5 },
      phone: { conversions: 1, convertedVisitors: 1, value: 0 },
      composite: { conversions: 3, convertedVisitors: 3, value: 300 },
    };
    const out = await exportRange(FROM, TO);
    try {
      for (const [kind, id] of Object.entries(goals) as [keyof typeof goals, number][]) {
        const api = await apiStats(id);
        expect(api, `API, ${kind} goal`).toEqual(want[kind]);
        expect(exported(out, id), `export, ${kind} goal`).toEqual(api);
      }
      // The composite's rows name the step-1 event of the completed attempt: d's is the 23:50
      // pageview inside the range, though the callback that completed it came after.
      const rows = out
        .prepare(`SELECT c.time, e.name, e.path, c.session IS NOT NULL AS inSession FROM conversions c JOIN events e ON e.id = c.event
        WHERE c.goal = ? ORDER BY c.ts`)
        .all(goals.composite);
      expect(rows).toEqual([
        { time: '2026-11-12T10:01:00.000Z', name: 'pageview', path: '/pricing', inSession: 1 },
        { time: '2026-11-15T08:00:00.000Z', name: 'pageview', path: '/pricing', inSession: 1 },
        { time: '2026-11-19T23:50:00.000Z', name: 'pageview', path: '/pricing', inSession: 1 },
      ]);
    } finally {
      out.close();
    }
    // An open range agrees too (the API's widest range covers every event).
    const all = await exportRange(null, null);
    try {
      for (const [kind, id] of Object.entries(goals)) {
        expect(exported(all, id), `open range, ${kind} goal`).toEqual(
          await apiStats(id, at('2026-11-01T00:00:00Z'), at('2026-12-01T00:00:00Z')),
        );
      }
    } finally {
      all.close();
    }
  });

  it('issue 13 repro: three pageviews convert neither an event goal on deal_won nor a page goal on /thanks', async () => {
    await s.writer.write(
      ['/', '/pricing', '/about'].map((path, i) =>
        web(`h:v${i}`, 'pageview', `2026-11-12T10:0${i}:00Z`, path),
      ),
    );
    const deal = await createGoal({ name: 'Deal', definition: { kind: 'event', name: 'deal_won' } });
    const thanks = await createGoal({ name: 'Thanks', definition: { kind: 'page', pattern: '/thanks' } });
    const out = await exportRange(FROM, TO);
    try {
      expect(out.prepare('SELECT goal, count(*) AS n FROM conversions GROUP BY 1').all()).toEqual([]);
      expect(out.prepare(`SELECT value FROM meta WHERE key = 'conversions'`).pluck().get()).toBe('0');
      expect(out.prepare('SELECT count(*) FROM events').pluck().get()).toBe(3);
    } finally {
      out.close();
    }
    expect((await apiStats(deal)).conversions).toBe(0);
    expect((await apiStats(thanks)).conversions).toBe(0);
  });
});
