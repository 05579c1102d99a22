import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wireEvent } from '../../support/seed';
import { type TestApp, testApp } from '../../support/test-app';

let t: TestApp;
beforeEach(() => {
  t = testApp();
});
afterEach(() => t.close());
const base = () => `/api/sites/${t.site.publicId}`;

const definition = {
  steps: [{ landing: '/prices' }, { names: ['call_click'] }],
  mode: 'ordered',
  windowMinutes: 60,
  breakdown: 'country',
};

describe('saved funnels', () => {
  it('saves, lists, renames, edits, runs and deletes a funnel', async () => {
    const made = await t.call('POST', `${base()}/funnels`, { name: '  Prices → call ', definition });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      name: 'Prices → call',
      definition: { ...definition, countBy: 'visitor' },
    });
    const id = made.body.id as number;

    expect((await t.call('GET', `${base()}/funnels`)).body.map((f: { name: string }) => f.name)).toEqual([
      'Prices → call',
    ]);
    const renamed = await t.call('PATCH', `${base()}/funnels/${id}`, { name: 'Landing to call' });
    expect(renamed.body).toMatchObject({ name: 'Landing to call', definition: { windowMinutes: 60 } });
    const edited = await t.call('PATCH', `${base()}/funnels/${id}`, {
      definition: { ...definition, mode: 'strict' },
    });
    expect(edited.body).toMatchObject({ name: 'Landing to call', definition: { mode: 'strict' } });
    expect((await t.call('GET', `${base()}/funnels/${id}`)).body.definition.mode).toBe('strict');

    // What was saved runs as it is, with a range picked at run time.
    const run = await t.call('POST', `${base()}/funnel`, {
      ...edited.body.definition,
      from: '2026-12-01',
      to: '2026-12-02',
    });
    expect(run.status).toBe(200);
    expect(run.body.steps).toHaveLength(2);

    expect((await t.call('DELETE', `${base()}/funnels/${id}`)).status).toBe(204);
    expect((await t.call('GET', `${base()}/funnels/${id}`)).status).toBe(404);
    expect((await t.call('DELETE', `${base()}/funnels/${id}`)).status).toBe(404);
    expect((await t.call('GET', `${base()}/funnels`)).body).toEqual([]);
  });

  it('refuses bad input with a 400 that names the field', async () => {
    const cases: [unknown, string][] = [
      [{ name: '', definition }, 'name'],
      [{ name: 'x'.repeat(101), definition }, 'name'],
      [{ definition }, 'name'],
      [{ name: 'one step', definition: { steps: [{ names: ['pageview'] }] } }, 'definition.steps'],
      [{ name: 'range', definition: { ...definition, from: '2026-12-01' } }, 'definition.from'],
      [{ name: 'mode', definition: { ...definition, mode: 'fast' } }, 'definition.mode'],
    ];
    for (const [body, field] of cases) {
      const r = await t.call('POST', `${base()}/funnels`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.field).toBe(field);
      expect(r.body.error).toContain(field);
    }
    const made = await t.call('POST', `${base()}/funnels`, { name: 'ok', definition });
    const patch = await t.call('PATCH', `${base()}/funnels/${made.body.id}`, { name: ' ' });
    expect(patch).toMatchObject({ status: 400, body: { field: 'name' } });
    expect((await t.call('PATCH', `${base()}/funnels/abc`, { name: 'x' })).status).toBe(404);
    expect((await t.call('GET', `/api/sites/nope/funnels`)).status).toBe(404);
  });
});

describe('goals', () => {
  it('keep a currency with their value, and can be deleted', async () => {
    const made = await t.call('POST', `${base()}/goals`, {
      name: 'Booked',
      value: 3500,
      currency: 'rub',
      definition: { kind: 'event', name: 'booking' },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ value: 3500, currency: 'RUB' });
    const id = made.body.id as number;
    expect((await t.call('PATCH', `${base()}/goals/${id}`, { currency: 'EUR' })).body.currency).toBe('EUR');
    expect((await t.call('PATCH', `${base()}/goals/${id}`, { name: 'Booking' })).body.currency).toBe('EUR');
    expect((await t.call('PATCH', `${base()}/goals/${id}`, { currency: null })).body.currency).toBeNull();

    const bad = await t.call('POST', `${base()}/goals`, {
      name: 'x',
      currency: 'rubles',
      definition: { kind: 'event', name: 'booking' },
    });
    expect(bad).toMatchObject({ status: 400, body: { field: 'currency' } });
    expect(bad.body.error).toContain('three-letter currency code');

    expect((await t.call('DELETE', `${base()}/goals/${id}`)).status).toBe(204);
    expect((await t.call('GET', `${base()}/goals/${id}`)).status).toBe(404);
    expect((await t.call('GET', `${base()}/goals`)).body).toEqual([]);
  });
});

describe('setup check', () => {
  it('says in words why events are dropped: a page on a host the site does not allow', async () => {
    const before = await t.call('GET', `${base()}/setup-check`);
    expect(before.body.dropped).toEqual([]);
    const res = await t.collect({
      s: t.site.publicId,
      e: [wireEvent({ u: 'https://shop.example/prices' }), wireEvent({ u: 'https://shop.example/' })],
    });
    expect(res.status).toBeLessThan(300);
    const { status, body } = await t.call('GET', `${base()}/setup-check`);
    expect(status).toBe(200);
    expect(body.dropped).toEqual([
      expect.objectContaining({
        reason: 'hostname',
        host: 'shop.example',
        count: 2,
        message:
          '2 events arrived from shop.example, which this site does not allow: add shop.example to its hostnames to count them',
      }),
    ]);
    // Once the host is allowed, the old drops no longer apply.
    const patched = await t.call('PATCH', `/api/sites/${t.site.publicId}`, {
      hostnames: ['localhost', 'shop.example'],
    });
    expect(patched.status).toBe(200);
    expect((await t.call('GET', `${base()}/setup-check`)).body.dropped).toEqual([]);
  });
});
