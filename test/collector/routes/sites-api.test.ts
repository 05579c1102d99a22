import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../support/test-app';

let t: TestApp;
beforeEach(() => {
  t = testApp();
});
afterEach(() => t.close());

const admin = { authorization: 'Bearer admin-test-token', 'content-type': 'application/json' };

describe('sites API', () => {
  it('401 without the admin token', async () => {
    expect((await t.app.request('/api/sites')).status).toBe(401);
    expect(
      (
        await t.app.request('/api/sites', {
          method: 'POST',
          body: '{"domain":"a.example"}',
          headers: { authorization: 'Bearer nope' },
        })
      ).status,
    ).toBe(401);
  });

  it('creates, lists and changes sites', async () => {
    const res = await t.app.request('/api/sites', {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ domain: 'https://Shop.Example/path' }),
    });
    expect(res.status).toBe(201);
    const site = (await res.json()) as {
      publicId: string;
      domain: string;
      hostnames: string[];
      secret: string;
    };
    expect(site).toMatchObject({ domain: 'shop.example', hostnames: ['shop.example'] });
    expect(site.secret.length).toBeGreaterThan(20);
    const list = (await (await t.app.request('/api/sites', { headers: admin })).json()) as {
      domain: string;
    }[];
    expect(list.map((s) => s.domain)).toEqual(['localhost', 'shop.example']);
    const patched = await t.app.request(`/api/sites/${site.publicId}`, {
      method: 'PATCH',
      headers: admin,
      body: JSON.stringify({ countBots: true, defaultCountry: 'RU' }),
    });
    expect(await patched.json()).toMatchObject({ countBots: true, defaultCountry: 'RU' });
  });

  it('400 for a bad domain or field, naming it', async () => {
    const bad = await t.app.request('/api/sites', {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ domain: 'not a domain' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'domain' });
    const country = await t.app.request(`/api/sites/${t.site.publicId}`, {
      method: 'PATCH',
      headers: admin,
      body: JSON.stringify({ defaultCountry: 'Russia' }),
    });
    expect(await country.json()).toMatchObject({ field: 'defaultCountry' });
  });

  it('edits a site’s domain and hostnames; a 400 names the field, an unknown site is a 404', async () => {
    const req = (method: string, path: string, body?: unknown) =>
      t.app.request(path, {
        method,
        headers: admin,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const made = (await (await req('POST', '/api/sites', { domain: 'old.example' })).json()) as {
      publicId: string;
    };
    const path = `/api/sites/${made.publicId}`;
    // A corrected domain replaces the old one among the hostnames; extra hostnames stay.
    await req('PATCH', path, { hostnames: ['old.example', 'shop.example'] });
    const renamed = await req('PATCH', path, { domain: 'https://www.New.example/' });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({
      domain: 'new.example',
      hostnames: ['new.example', 'shop.example'],
    });
    const hosts = await req('PATCH', path, {
      hostnames: ['www.a.example', 'a.example', 'https://b.example/x'],
    });
    expect(((await hosts.json()) as { hostnames: string[] }).hostnames).toEqual(['a.example', 'b.example']);

    const cases: [unknown, string, number][] = [
      [{ domain: 'not a domain' }, 'domain', 400],
      [{ domain: '' }, 'domain', 400],
      [{ hostnames: ['ok.example', 'bad host'] }, 'hostnames', 400],
      [{ hostnames: Array.from({ length: 51 }, (_, i) => `h${i}.example`) }, 'hostnames', 400],
      [{ currency: 'euro' }, 'currency', 400],
    ];
    for (const [body, field, status] of cases) {
      const res = await req('PATCH', path, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      const answer = (await res.json()) as { field: string; error: string };
      expect(answer.field, JSON.stringify(body)).toBe(field);
      expect(answer.error.length).toBeGreaterThan(0);
    }
    // Nothing of a refused change was kept.
    expect(await (await req('GET', path)).json()).toMatchObject({
      domain: 'new.example',
      hostnames: ['a.example', 'b.example'],
    });

    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { countBots: true }],
      ['DELETE', { confirm: 'x.example' }],
    ] as const) {
      const res = await req(method, '/api/sites/no-such-site', body);
      expect(res.status, method).toBe(404);
      expect(await res.json()).toMatchObject({ field: 'site' });
    }
  });
});
