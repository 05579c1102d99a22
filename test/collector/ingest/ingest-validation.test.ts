import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../collector/ingest/limits';
import { wireEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

let t: TestApp;
beforeEach(() => {
  t = testApp();
});
afterEach(() => t.close());

const batch = (events: unknown[], over: Record<string, unknown> = {}) => ({
  s: t.site.publicId,
  e: events,
  ...over,
});
const expectError = async (res: Response, status: number, field?: string, limit?: number) => {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: string; field?: string; limit?: number };
  expect(typeof body.error).toBe('string');
  if (field !== undefined) expect(body.field).toBe(field);
  if (limit !== undefined) expect(body.limit).toBe(limit);
  return body;
};

describe('POST /api/collect', () => {
  it('stores a valid text/plain batch and acknowledges it', async () => {
    const res = await t.collect(
      batch([wireEvent(), wireEvent({ n: 'call_click', p: { phone: '79120001122' } })]),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ stored: 2, duplicates: 0, dropped: 0 });
    expect(t.rows('SELECT name FROM events_v ORDER BY id').map((r) => r.name)).toEqual([
      'pageview',
      'call_click',
    ]);
  });

  it('accepts application/json too', async () => {
    const res = await t.collect(batch([wireEvent()]), { headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
  });

  it('answers CORS preflights and sets allow-origin on posts', async () => {
    const pre = await t.app.request('/api/collect', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(pre.headers.get('access-control-max-age')).toBe('86400');
    const res = await t.collect(batch([wireEvent()]), { headers: { origin: 'https://shop.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toMatchObject({ stored: 1 });
    // Errors too, or the SDK could not read why (and when to retry) cross-origin.
    const bad = await t.collect('"{"', { headers: { origin: 'https://shop.example' } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe('*');
    expect(bad.headers.get('access-control-expose-headers')).toBe('Retry-After');
  });

  it('415 for other or missing content types', async () => {
    await expectError(
      await t.collect(batch([wireEvent()]), { headers: { 'content-type': 'application/xml' } }),
      415,
      'content-type',
    );
    await expectError(
      await t.collect(batch([wireEvent()]), { headers: { 'content-type': '' } }),
      415,
      'content-type',
    );
  });

  it('413 over 64 KB, by header or by streamed size', async () => {
    const big = JSON.stringify(batch([wireEvent({ p: { x: 'a'.repeat(70_000) } })]));
    await expectError(await t.collect(big), 413, 'body', LIMITS.bodyBytes);
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const res = await t.app.request('/api/collect', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'text/plain' },
      duplex: 'half',
    } as RequestInit);
    await expectError(res, 413, 'body', LIMITS.bodyBytes);
  });

  it('400 for empty, non-JSON and invalid UTF-8 bodies', async () => {
    await expectError(await t.collect(''), 400, 'body');
    await expectError(await t.collect('{"s": '), 400, 'body');
    const res = await t.app.request('/api/collect', {
      method: 'POST',
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      headers: { 'content-type': 'text/plain' },
    });
    const body = await expectError(res, 400, 'body');
    expect(body.error).toMatch(/UTF-8/);
  });

  it('names the field and the limit of every event limit', async () => {
    const cases: [unknown, string, number][] = [
      [batch([wireEvent({ n: 'x'.repeat(65) })]), 'e[0].n', LIMITS.nameChars],
      [batch(Array.from({ length: 101 }, () => wireEvent())), 'e', LIMITS.eventsPerBatch],
      [
        batch([wireEvent({ p: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`k${i}`, i])) })]),
        'e[0].p',
        LIMITS.props,
      ],
      [batch([wireEvent({ p: { plan: 'x'.repeat(501) } })]), 'e[0].p.plan', LIMITS.propValueChars],
      [batch([wireEvent({ u: `http://localhost/${'a'.repeat(2000)}` })]), 'e[0].u', LIMITS.urlChars],
      [batch([wireEvent({ i: 'short' })]), 'e[0].i', LIMITS.idMinChars],
      [batch([wireEvent(), wireEvent({ r: 'x'.repeat(2001) })]), 'e[1].r', LIMITS.urlChars],
      [batch([wireEvent({ o: -LIMITS.futureMs - 1 })]), 'e[0].o', -LIMITS.futureMs],
      [batch([wireEvent()], { d: LIMITS.droppedCount + 1 }), 'd', LIMITS.droppedCount],
    ];
    for (const [body, field, limit] of cases) await expectError(await t.collect(body), 400, field, limit);
  });

  it('400 for wrong shapes, never 5xx', async () => {
    const bodies: unknown[] = [
      null,
      42,
      '"x"',
      [],
      {},
      { s: t.site.publicId },
      { s: t.site.publicId, e: 'x' },
      { s: t.site.publicId, e: [] },
      { s: t.site.publicId, e: [null] },
      batch([wireEvent({ p: [] })]),
      batch([wireEvent({ p: { a: { deep: 1 } } })]),
      batch([wireEvent({ u: 'javascript:alert(1)' })]),
      batch([wireEvent({ o: 1.5 })]),
      batch([wireEvent()], { b: 2 }),
      batch([wireEvent()], { d: -1 }),
      batch([wireEvent()], { d: 1.5 }),
      batch([wireEvent()], { d: '3' }),
    ];
    for (const body of bodies) {
      const res = await t.collect(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect(t.rows('SELECT count(*) AS n FROM events')[0]).toEqual({ n: 0 });
  });

  it('400 for an unknown site', async () => {
    await expectError(await t.collect(batch([wireEvent()], { s: 'nope' })), 400, 's');
  });

  it('drops events from hostnames the site does not allow, and says so', async () => {
    const res = await t.collect(
      batch([wireEvent({ u: 'https://evil.example/' }), wireEvent({ u: 'http://shop.localhost/x' })]),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-touchpoint-dropped')).toBe('hostname=1');
    expect(await res.json()).toMatchObject({ stored: 1, dropped: 1 });
  });
});
