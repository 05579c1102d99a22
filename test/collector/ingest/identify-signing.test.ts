import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { getSite } from '../../../collector/store/sites';
import { wireEvent } from '../../support/seed';
import { BIN } from '../../support/spawn-collector';
import { type TestApp, testApp } from '../../support/test-app';

let t: TestApp;
afterEach(() => t.close());

const admin = { authorization: 'Bearer admin-test-token', 'content-type': 'application/json' };
/** What README tells a site's server to compute. */
const sign = (lead: string, secret = t.site.secret) =>
  createHmac('sha256', secret).update(lead).digest('hex');
const offline = (events: unknown[]) =>
  t.app.request(`/api/sites/${t.site.publicId}/events`, {
    method: 'POST',
    body: JSON.stringify({ events }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.site.secret}` },
  });
/** One browser: its own user agent, so its own cookieless visitor. */
const identify = (browser: string, lead: string, sig?: string) =>
  t.collect(
    {
      s: t.site.publicId,
      e: [wireEvent(), wireEvent({ n: 'identify', p: sig === undefined ? { lead } : { lead, sig } })],
    },
    { headers: { 'user-agent': `Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 ${browser}` } },
  );
const visitorOfDeal = () =>
  t.rows<{ visitor: number }>(`SELECT visitor FROM events_v WHERE name = 'deal_won'`)[0]!.visitor;
const visitorOfPageviews = () =>
  t
    .rows<{ visitor: number }>(`SELECT DISTINCT visitor FROM events_v WHERE name = 'pageview' ORDER BY id`)
    .map((r) => r.visitor);
const leads = () => t.rows('SELECT lead, visitor_id FROM leads');

describe("identify: only the site's server can tie a browser to a lead", () => {
  it('a signed identify links the lead and brings its deals along; the signature is not stored', async () => {
    t = testApp();
    await offline([{ id: 'crm-1', name: 'deal_won', lead: 'lead-8841', value: 1200 }]);
    const res = await identify('owner', 'lead-8841', sign('lead-8841'));
    expect(await res.json()).toEqual({ stored: 2, duplicates: 0, dropped: 0 });
    const [owner] = visitorOfPageviews();
    expect(leads()).toEqual([{ lead: 'lead-8841', visitor_id: owner }]);
    expect(visitorOfDeal()).toBe(owner);
    expect(t.rows(`SELECT props FROM events_v WHERE name = 'identify'`)).toEqual([
      { props: '{"lead":"lead-8841"}' },
    ]);
  });

  it('an unsigned or forged identify links nothing, is counted, and does not make the SDK retry', async () => {
    t = testApp();
    await offline([{ id: 'crm-1', name: 'deal_won', lead: 'lead-8841', value: 1200 }]);
    const forged = [
      undefined,
      sign('lead-0001'),
      sign('lead-8841', 'not-the-secret'),
      'a'.repeat(64),
      sign('lead-8841').slice(0, 63),
    ];
    for (const [i, sig] of forged.entries()) {
      const res = await identify(`attacker-${i}`, 'lead-8841', sig);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-touchpoint-dropped')).toBe('identify=1');
      expect(await res.json()).toEqual({ stored: 1, duplicates: 0, dropped: 1 });
    }
    expect(leads()).toEqual([]);
    expect(t.rows(`SELECT count(*) AS n FROM events_v WHERE name = 'identify'`)).toEqual([{ n: 0 }]);
    // The lead's real owner, signed by the site's server, still gets the lead and its deal.
    await identify('owner', 'lead-8841', sign('lead-8841').toUpperCase());
    const owner = visitorOfPageviews().at(-1);
    expect(leads()).toEqual([{ lead: 'lead-8841', visitor_id: owner }]);
    expect(visitorOfDeal()).toBe(owner);
  });

  it('accepts an unsigned identify once the site owner switches it on', async () => {
    t = testApp();
    const patched = await t.app.request(`/api/sites/${t.site.publicId}`, {
      method: 'PATCH',
      headers: admin,
      body: JSON.stringify({ unsignedIdentify: true }),
    });
    expect(await patched.json()).toMatchObject({ unsignedIdentify: true });
    // First ingest after the change: the route's site cache has no older copy.
    expect(await (await identify('browser', 'lead-1')).json()).toEqual({
      stored: 2,
      duplicates: 0,
      dropped: 0,
    });
    expect(leads()).toEqual([{ lead: 'lead-1', visitor_id: visitorOfPageviews()[0] }]);
  });

  it('touchpoint site set turns the switches on and off', () => {
    t = testApp();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [BIN, 'site', 'set', t.site.publicId, ...args, '--json', '--db', t.path], {
        encoding: 'utf8',
      });
    const on = run('--unsigned-identify', '--web-values');
    expect(on.status, on.stderr).toBe(0);
    expect(JSON.parse(on.stdout)).toMatchObject({ unsignedIdentify: true, webValues: true });
    const off = run('--no-unsigned-identify');
    expect(JSON.parse(off.stdout)).toMatchObject({ unsignedIdentify: false, webValues: true });
    expect(getSite(t.read, t.site.publicId)).toMatchObject({ unsignedIdentify: false, webValues: true });
  });
});
