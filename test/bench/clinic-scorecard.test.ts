import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLINIC_START } from '../../bench/clinic/clinic-site';
import { generateClinic } from '../../bench/clinic/generate-clinic';
import { type ClinicGoalKey, loadClinic } from '../../bench/clinic/load-clinic';
import type { Goal } from '../../collector/model';
import { createSqliteReports } from '../../collector/reports/sqlite-reports';
import type { Scorecard } from '../../collector/reports/types';
import { type TempSite, tempSite } from '../support/seed';

const DAY = 86_400_000;

/** The generated clinic read against "Booked appointment": the advice its doc block says a marketer should get. */
describe('the clinic’s scorecard reads as a marketer’s advice', () => {
  let s: TempSite;
  let goals: Record<ClinicGoalKey, Goal>;
  let card: Scorecard;
  beforeAll(async () => {
    s = tempSite(
      { domain: 'clinic.example', currency: 'RUB', timeZone: 'Europe/Moscow' },
      { synchronous: 'NORMAL' },
    );
    goals = await loadClinic(s.db, s.site, generateClinic());
    card = await createSqliteReports(s.db).scorecard(s.site.id, {
      from: CLINIC_START,
      to: CLINIC_START + 22 * DAY,
      goal: goals.booked,
      responseStandardMs: 15 * 60_000,
    });
  });
  afterAll(() => s.close());
  const row = (key: string) => card.rows.find((r) => r.key === key)!;

  it('callback requests and the chat are the best predictors, and are wow', () => {
    expect(row('callback_request')).toMatchObject({ rating: 'wow' });
    expect(row('callback_request').effect.liftInterval![0]).toBeGreaterThan(3);
    expect(row('chat_open')).toMatchObject({ rating: 'wow' });
    expect(row('callback_request').quality.verdict).not.toBe('bad');
  });

  it('names each built-in fault, and why', () => {
    expect(row('page:/promo/spring-checkup')).toMatchObject({
      rating: 'annoying',
      reason: 'Every visit to /promo/spring-checkup hit “page not found” (most from yandex / spring_promo)',
    });
    expect(row('page:/services/mri')).toMatchObject({ rating: 'annoying' });
    expect(row('page:/services/mri').reason).toMatch(/had a poor LCP: main content slow to show$/);
    expect(row('page:/booking').rating).toBe('annoying');
    expect(row('page:/booking').reason).toMatch(/had rage or dead clicks \(most on button#apply-coupon/);
    expect(row('form:booking').rating).toBe('annoying');
    expect(row('form:booking').reason).toMatch(/had a submit blocked by validation \(most at “phone”\)$/);
    expect(row('call_click').rating).toBe('annoying');
    expect(row('call_click').reason).toMatch(/of the calls after a click on the phone number were missed$/);
  });

  it('the blog converts less but is not called annoying; nothing else is', () => {
    for (const r of card.rows.filter((x) => x.label.startsWith('/blog/'))) {
      expect(r.rating).toBe('ok');
      expect(r.reason).toMatch(/its visitors come for something else/);
    }
    expect(
      card.rows
        .filter((r) => r.rating === 'annoying')
        .map((r) => r.key)
        .sort(),
    ).toEqual([
      'call_click',
      'form:booking',
      'page:/booking',
      'page:/promo/spring-checkup',
      'page:/services/mri',
    ]);
  });

  it('the goal itself and the CRM’s events are outcomes, not rated', () => {
    const roles = Object.fromEntries(card.outcomes.map((o) => [o.key, o.role]));
    expect(roles).toMatchObject({
      appointment_booked: 'goal',
      callback_made: 'offline',
      call_answered: 'offline',
      meeting: 'offline',
      deal_won: 'offline',
    });
    for (const key of ['appointment_booked', 'callback_made', 'deal_won', 'meeting'])
      expect(card.rows.map((r) => r.key)).not.toContain(key);
  });
});
