import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCountryDatabase } from '../../../collector/geo/country-database';
import { wireEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

const countries = openCountryDatabase();
let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('country at ingest, from the bundled offline database', () => {
  it('answers public addresses and never special-purpose ones', () => {
    expect(countries.lookup('77.88.8.8')).toBe('RU'); // Yandex DNS
    expect(countries.lookup('::ffff:77.88.8.8')).toBe('RU'); // as a dual-stack socket reports it
    expect(countries.lookup('8.8.8.8')).toBe('US');
    // The database answers a country for these; they belong to none.
    for (const ip of [
      '192.168.1.1',
      '203.0.113.7',
      '10.0.0.1',
      '127.0.0.1',
      '::1',
      'fe80::1%eth0',
      'nonsense',
    ])
      expect(countries.lookup(ip), ip).toBeNull();
    expect(countries.builtAt.getUTCFullYear()).toBeGreaterThanOrEqual(2026);
  });

  it('stores the session’s country, not the address, and filters reports by it', async () => {
    t = testApp({ clientIp: 'forwarded', country: countries.lookup });
    const site = t.site.publicId;
    expect((await t.collect({ s: site, e: [wireEvent()] }, '77.88.8.8')).status).toBe(200);
    expect((await t.collect({ s: site, e: [wireEvent()] }, '8.8.4.4')).status).toBe(200);
    expect((await t.collect({ s: site, e: [wireEvent()] }, '192.168.1.1')).status).toBe(200);
    const rows = t.rows<{ country: string | null }>('SELECT country FROM sessions ORDER BY id');
    expect(rows.map((r) => r.country)).toEqual(['RU', 'US', null]);
    const range = `from=${Date.now() - 3_600_000}&to=${Date.now() + 60_000}`;
    const ru = await t.call('GET', `/api/sites/${site}/overview?${range}&country=ru`);
    expect(ru.body).toMatchObject({ visitors: 1, pageviews: 1 });
    await t.writer.close();
    // No address in the database file or its WAL, in any form.
    for (const f of readdirSync(t.dir).filter((n) => n.startsWith('touchpoint.db'))) {
      const bytes = readFileSync(join(t.dir, f)).toString('latin1');
      for (const ip of ['77.88.8.8', '8.8.4.4', '192.168.1.1'])
        expect(bytes.includes(ip), `${ip} in ${f}`).toBe(false);
    }
  });
});

describe('sites', () => {
  it('a site added as https://www.example.com/ takes events from www. and the bare domain', async () => {
    t = testApp();
    const made = await t.call('POST', '/api/sites', { domain: 'https://www.example.com/' });
    expect(made.status).toBe(201);
    expect(made.body.domain).toBe('example.com');
    const site = made.body.publicId as string;
    const res = await t.collect({
      s: site,
      e: [
        wireEvent({ u: 'https://www.example.com/a' }),
        wireEvent({ u: 'https://example.com/b' }),
        wireEvent({ u: 'https://shop.example/c' }),
      ],
    });
    expect(await res.json()).toMatchObject({ dropped: 1 });
    expect(t.rows<{ path: string }>('SELECT path FROM events ORDER BY path').map((r) => r.path)).toEqual([
      '/a',
      '/b',
    ]);
  });

  it('deletes a site and its data only when confirmed with its domain', async () => {
    t = testApp();
    const made = await t.call('POST', '/api/sites', { domain: 'example.com' });
    const site = made.body.publicId as string;
    await t.collect({ s: site, e: [wireEvent({ u: 'https://example.com/' })] });
    expect(t.rows('SELECT 1 FROM events')).toHaveLength(1);
    const wrong = await t.call('DELETE', `/api/sites/${site}`, { confirm: 'other.com' });
    expect(wrong).toMatchObject({ status: 400, body: { field: 'confirm' } });
    expect((await t.call('DELETE', `/api/sites/${site}`, {})).body.field).toBe('confirm');
    const gone = await t.call('DELETE', `/api/sites/${site}`, { confirm: ' Example.com ' });
    expect(gone.status).toBe(200);
    expect(t.rows('SELECT 1 FROM events')).toHaveLength(0);
    expect(t.rows('SELECT 1 FROM sessions')).toHaveLength(0);
    expect((await t.call('GET', `/api/sites/${site}`)).status).toBe(404);
  });
});
