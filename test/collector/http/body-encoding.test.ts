import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wireEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

let t: TestApp;
beforeEach(() => {
  t = testApp();
});
afterEach(() => t.close());

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const withBom = (body: unknown) => Buffer.concat([BOM, Buffer.from(JSON.stringify(body))]);
const offline = (body: BodyInit, headers: Record<string, string> = {}) =>
  t.app.request(`/api/sites/${t.site.publicId}/events`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.site.secret}`, ...headers },
  });
const collect = (body: BodyInit, headers: Record<string, string> = {}) =>
  t.app.request('/api/collect', {
    method: 'POST',
    body,
    headers: {
      'content-type': 'text/plain',
      'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0 Safari/537.36',
      'x-forwarded-for': '203.0.113.7',
      ...headers,
    },
  });

describe('request bodies: byte-order mark and Content-Encoding', () => {
  it('a UTF-8 BOM before the JSON is accepted on /api/collect and on the offline API', async () => {
    const web = await collect(withBom({ s: t.site.publicId, e: [wireEvent()] }));
    expect(web.status).toBe(200);
    expect(await web.json()).toMatchObject({ stored: 1 });
    const off = await offline(
      withBom({ events: [{ id: 'bom-1', name: 'deal_won', lead: 'L1', value: 10 }] }),
    );
    expect(off.status).toBe(200);
    expect(await off.json()).toEqual({ stored: 1, duplicates: 0 });
    expect(t.rows('SELECT uid FROM events')).toHaveLength(2);
  });

  it('a BOM alone, or one in the middle, is still not JSON', async () => {
    expect((await collect(BOM)).status).toBe(400);
    const middle = Buffer.concat([Buffer.from('{"s":'), BOM, Buffer.from(`"${t.site.publicId}","e":[]}`)]);
    expect((await collect(middle)).status).toBe(400);
  });

  it('a gzip (or any non-identity) Content-Encoding gets 415 naming the header; identity is fine', async () => {
    const body = { s: t.site.publicId, e: [wireEvent()] };
    for (const send of [collect, offline]) {
      const gz = await send(gzipSync(JSON.stringify(body)), { 'content-encoding': 'gzip' });
      expect(gz.status).toBe(415);
      expect(await gz.json()).toEqual({
        error: 'content encoding must be identity (send the JSON uncompressed), got "gzip"',
        field: 'content-encoding',
      });
      expect((await send(JSON.stringify(body), { 'content-encoding': 'br' })).status).toBe(415);
    }
    expect((await collect(JSON.stringify(body), { 'content-encoding': 'identity' })).status).toBe(200);
    expect(t.rows('SELECT uid FROM events')).toHaveLength(1);
  });
});
