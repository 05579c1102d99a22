import { afterEach, describe, expect, it } from 'vitest';
import type { AlertPayload } from '../../../collector/alerts/alert-types';
import { detectLeads } from '../../../collector/alerts/lead-detector';
import { enqueueLead } from '../../../collector/alerts/lead-storm';
import { OutboxSender } from '../../../collector/alerts/outbox-sender';
import { backoffMs } from '../../../collector/alerts/outbox-store';
import { renderAlert } from '../../../collector/alerts/render-alert';
import type { PendingEvent } from '../../../collector/ingest/pending-event';
import { type HttpReceiver, httpReceiver } from '../../support/alert-receivers';
import { type TestApp, testApp } from '../../support/test-app';

const PUBLIC = 'https://stats.example.com';
const T0 = Date.parse('2026-12-04T10:00:00Z');
const S = 1000;

let clock = T0;
let seq = 0;
let t: TestApp;
let hook: HttpReceiver | undefined;
afterEach(async () => {
  await hook?.close();
  hook = undefined;
  await t?.close();
});

const request = (ts: number): PendingEvent => ({
  siteId: t.site.id,
  uid: `o:storm-${++seq}`,
  name: 'callback_request',
  visitorKey: `storm-visitor-${seq}`,
  ts,
  receivedAt: ts,
  path: '/mri',
  url: null,
  referrer: null,
  props: null,
  value: null,
  lead: null,
  origin: 'offline',
  session: null,
});

async function setUp(url = 'http://127.0.0.1:9/never'): Promise<void> {
  clock = T0;
  t = testApp({ now: () => clock });
  const r = await t.call('POST', `/api/sites/${t.site.publicId}/alerts/channels`, {
    kind: 'webhook',
    url,
    secret: 'whsec-storm-0123456789',
  });
  expect(r.status).toBe(201);
  detectLeads(t.db, PUBLIC, clock); // the first pass starts at the newest event
}

/** One callback request at `at`, then a detector pass at the same moment; answers what it queued. */
async function leadAt(at: number): Promise<number> {
  clock = at;
  await t.writer.write([request(at)]);
  return detectLeads(t.db, PUBLIC, clock).queued;
}

const outbox = () =>
  t.rows<{ type: string; status: string; idempotency_key: string; next_at: number; payload: string }>(
    'SELECT type, status, idempotency_key, next_at, payload FROM alert_outbox ORDER BY id',
  );

describe('no storm: lead alerts past the rate limit are grouped', () => {
  it('17 leads 10 s apart: 5 alone, the other 12 in one message when the 5-minute window closes', async () => {
    await setUp();
    const queued: number[] = [];
    for (let i = 0; i < 17; i++) queued.push(await leadAt(T0 + i * 10 * S));
    // Leads 0–4 go alone; lead 5 (at 50 s) is the 6th within 5 minutes: it opens the group.
    expect(queued).toEqual([1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const rows = outbox();
    expect(rows.filter((r) => r.type === 'lead' && r.status === 'pending')).toHaveLength(5);
    expect(rows.filter((r) => r.status === 'grouped')).toHaveLength(12);
    const groups = rows.filter((r) => r.type === 'lead_group');
    expect(groups).toHaveLength(1);
    expect(groups[0]!.next_at).toBe(T0 + 50 * S + 300 * S);
    const p = JSON.parse(groups[0]!.payload) as AlertPayload;
    const held = rows.filter((r) => r.status === 'grouped').map((r) => r.idempotency_key);
    expect(p.id).toBe(`leads-${held[0]}`);
    expect(p.group).toMatchObject({
      count: 12,
      windowMinutes: 5,
      from: new Date(T0 + 50 * S).toISOString(),
      to: new Date(T0 + 350 * S).toISOString(),
      listUrl: `${PUBLIC}/#/alerts?site=${t.site.publicId}`,
    });
    expect(p.group!.leads.map((l) => l.alertId)).toEqual(held);
    const text = renderAlert(p).text;
    expect(text.split('\n')[0]).toBe(`12 new leads in the last 5 minutes — ${t.site.domain}`);
    expect(text).toContain('and 2 more'); // 10 named, 2 counted
    expect(text).toContain(`All alerts: ${PUBLIC}/#/alerts?site=${t.site.publicId}`);

    // The same lead seen again (a repeated detector pass) changes nothing.
    const again = JSON.parse(rows.find((r) => r.status === 'grouped')!.payload) as AlertPayload;
    expect(enqueueLead(t.db, t.site, again, clock, PUBLIC, { limit: 5, windowMs: 300_000 })).toBe(0);
    expect(
      (JSON.parse(outbox().find((r) => r.type === 'lead_group')!.payload) as AlertPayload).group!.count,
    ).toBe(12);

    // After the window (at 360 s) the last lone alert was sent at 40 s: 5 more go alone, the 6th groups again.
    const later: number[] = [];
    for (let i = 0; i < 6; i++) later.push(await leadAt(T0 + 360 * S + i * S));
    expect(later).toEqual([1, 1, 1, 1, 1, 1]);
    const groupKeys = outbox()
      .filter((r) => r.type === 'lead_group')
      .map((r) => r.idempotency_key);
    expect(groupKeys).toHaveLength(2);
    expect(new Set(groupKeys).size).toBe(2);
  });

  it('through the outbox: the group is sent once the window closes, retried with the same key', async () => {
    hook = await httpReceiver([200, 200, 200, 200, 200, 500, 200]);
    await setUp(hook.url);
    for (let i = 0; i < 7; i++) await leadAt(T0 + i * S);
    const sender = new OutboxSender({ db: t.db, now: () => clock });
    expect(await sender.tick()).toBe(5);
    clock = T0 + 305 * S - 1; // the group opened at 5 s
    expect(await sender.tick()).toBe(0);
    clock = T0 + 305 * S;
    expect(await sender.tick()).toBe(1); // answered 500
    const groupKey = (await hook.waitFor(6))[5]!.headers['idempotency-key'];
    expect(groupKey).toMatch(/^leads-lead-/);
    clock += backoffMs(1);
    expect(await sender.tick()).toBe(1);
    const got = await hook.waitFor(7);
    expect(got[6]!.headers['idempotency-key']).toBe(groupKey);
    const body = JSON.parse(got[6]!.body) as AlertPayload;
    expect(body).toMatchObject({ type: 'lead_group', id: groupKey, group: { count: 2 } });
    // Each held lead reached the receiver inside the group, none on its own.
    const keys = got.map((g) => g.headers['idempotency-key']);
    for (const l of body.group!.leads) expect(keys).not.toContain(l.alertId);
    expect(new Set(keys).size).toBe(6);
    const log = (await t.call('GET', `/api/sites/${t.site.publicId}/alerts/deliveries`)).body as {
      type: string;
      status: string;
    }[];
    expect(log.map((r) => r.status).sort()).toEqual([
      'grouped',
      'grouped',
      'sent',
      'sent',
      'sent',
      'sent',
      'sent',
      'sent',
    ]);
  });

  it('leadBurst null sends every lead alone; 3 in 1 minute is a limit too; out-of-range values are refused', async () => {
    await setUp();
    const patch = (leadBurst: unknown) =>
      t.call('PATCH', `/api/sites/${t.site.publicId}/alerts/settings`, { leadBurst });
    const bad = await patch({ limit: 0, windowMinutes: 5 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('leadBurst');
    expect((await patch({ limit: 5, windowMinutes: 61 })).status).toBe(400);
    expect((await patch(null)).status).toBe(200);
    const alone: number[] = [];
    for (let i = 0; i < 8; i++) alone.push(await leadAt(T0 + i * S));
    expect(alone).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(outbox().filter((r) => r.status === 'grouped')).toHaveLength(0);
    expect((await patch({ limit: 3, windowMinutes: 1 })).status).toBe(200);
    // 8 lone alerts in the last minute already: the next one opens a group closing a minute later.
    expect(await leadAt(T0 + 10 * S)).toBe(1);
    expect(outbox().filter((r) => r.type === 'lead_group')[0]!.next_at).toBe(T0 + 70 * S);
    // Two minutes on, the last minute holds no lone alert: three go alone, the fourth groups.
    const later: number[] = [];
    for (let i = 0; i < 4; i++) later.push(await leadAt(T0 + 130 * S + i * S));
    expect(later).toEqual([1, 1, 1, 1]);
    expect(outbox().filter((r) => r.status === 'grouped')).toHaveLength(2);
  });
});
