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
});
