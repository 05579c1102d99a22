import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINIC_START } from '../../bench/clinic/clinic-site';
import { generateClinic } from '../../bench/clinic/generate-clinic';
import { loadClinic } from '../../bench/clinic/load-clinic';
import { type TempSite, tempSite } from '../support/seed';

const DAY = 86_400_000;

describe('the generated clinic', () => {
  const events = generateClinic();
  const web = events.filter((e) => e.origin === 'web');
  const visitors = new Set(web.map((e) => e.visitorKey));

  it('is the same for the same seed and different for another', () => {
    expect(generateClinic()).toEqual(events);
    expect(generateClinic({ seed: 16 }).length).not.toBe(events.length);
  });

  it('has the asked-for visitors over three weeks, most on phones, sorted by time', () => {
    expect(visitors.size).toBe(3900);
    expect(Math.min(...web.map((e) => e.ts))).toBeGreaterThanOrEqual(CLINIC_START);
    expect(Math.max(...web.map((e) => e.ts))).toBeLessThan(CLINIC_START + 22 * DAY);
    const mobile = new Set(web.filter((e) => e.session?.device !== 'desktop').map((e) => e.visitorKey));
    expect(mobile.size / visitors.size).toBeGreaterThan(0.58);
    expect(mobile.size / visitors.size).toBeLessThan(0.68);
    expect(events.every((e, i) => i === 0 || events[i - 1]!.ts <= e.ts)).toBe(true);
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });

  it('scales with the options', () => {
    const small = generateClinic({ visitors: 200, days: 7 });
    expect(new Set(small.filter((e) => e.origin === 'web').map((e) => e.visitorKey)).size).toBe(200);
    expect(Math.max(...small.filter((e) => e.origin === 'web').map((e) => e.ts))).toBeLessThan(
      CLINIC_START + 8 * DAY,
    );
  });

  describe('loaded through the event writer', () => {
    let s: TempSite;
    beforeAll(async () => {
      s = tempSite({ domain: 'clinic.example' }, { synchronous: 'NORMAL' });
      await loadClinic(s.db, s.site, events);
    });
    afterAll(() => s.close());

    it('stores every event, joins the lead-only offline events to their web visitors', () => {
      expect(s.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(events.length);
      // Every CRM event names a lead that the site identified: none is left on a stand-in visitor.
      expect(s.db.prepare(`SELECT count(*) FROM visitors WHERE key LIKE 'l:%'`).pluck().get()).toBe(0);
      expect(s.db.prepare('SELECT count(DISTINCT visitor_id) FROM sessions').pluck().get()).toBe(3900);
    });

    it('creates the clinic goals once', async () => {
      const again = await loadClinic(s.db, s.site, []);
      expect(Object.values(again).map((g) => g.name)).toEqual([
        'Booked appointment',
        'Callback requested',
        'Deal won',
      ]);
      expect(s.db.prepare('SELECT count(*) FROM goals').pluck().get()).toBe(3);
    });
  });
});
