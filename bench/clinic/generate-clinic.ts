import type { PendingEvent, SessionSeed } from '../../collector/ingest/pending-event';
import { type ClinicRandom, clinicRandom } from './clinic-random';
import {
  CLINIC_DOMAIN,
  CLINIC_PHONE,
  CLINIC_SOURCES,
  CLINIC_START,
  CLINIC_UTC_OFFSET_MINUTES,
  type ClinicSource,
  DEAL_VALUES,
  isBlog,
  NEXT_PAGES,
  TITLES,
} from './clinic-site';

/**
 * A believable three-week clinic site ("Klinika Zdorovye", Moscow), generated from a seed: the events
 * its script, its CRM and its call system would have sent. "Converted" means a booked appointment:
 * `appointment_booked`, sent by the site when the booking form goes through and by the CRM when the
 * front desk books someone on the phone.
 *
 * Traffic: about 190 visitors a day, fewer at weekends, peaks late morning and in the evening;
 * 63 % on phones. Channels: organic search (Yandex, Google; a quarter of it lands on blog posts),
 * Yandex Direct campaigns (`checkup_autumn`, `dentistry_brand`, `mri_discount`, and last spring's
 * `spring_promo`, still running), social (VK, Telegram, Dzen), the doctors' directory
 * prodoctorov.ru, and direct visits of known patients.
 *
 * What a marketer should be told about this site (the ground truth the generator builds in):
 * - **Callback requests and the chat work.** Visitors who ask for a callback are called back within
 *   minutes in opening hours and most of them get booked on the phone; those who open the chat get
 *   their questions answered and book several times as often as others. Neither is a problem.
 * - **Evenings and Sundays are thin.** One duty admin (weekdays 20–22, Saturdays 16–20, Sundays
 *   10–18) returns about half the callback requests in time, the rest the next morning or never;
 *   the widget is hidden at night. The response-speed hours and weekdays show it, and the late
 *   requests are listed, though most requests come in opening hours and are answered in minutes.
 * - **Calls from the phone number go unanswered after hours**: a third of the calls that follow a
 *   click on the number are missed (the clinic is closed at night, the duty admin misses half).
 * - **The `spring_promo` ad lands on a deleted page.** `/promo/spring-checkup` answers "page not
 *   found" to every visitor; most of them leave.
 * - **`/services/mri` is slow on phones.** Its hero image makes LCP poor on about four in five phone
 *   visits; a third of those visitors leave at once.
 * - **The "apply coupon" button on `/booking` is broken.** About one visitor in five who reaches the
 *   booking page clicks it repeatedly (rage clicks) or in vain (dead clicks); a quarter of them give up.
 * - **The booking form's phone field rejects numbers written as +7…**: a third of the people who start
 *   the form have a submit blocked at `phone`, and almost half of those leave.
 * - **Blog readers seldom book**: they come from search for information. Not a fault, but the blog
 *   brings traffic, not patients.
 * - Reviews are good (mostly 4–5 stars); the doctors' directory brings the visitors most likely to book.
 * - Revenue: meetings and won deals (RUB) from the CRM for most booked appointments, days later.
 *
 * Deterministic: the same options give the same events (ids included), sorted by time.
 */
export interface ClinicOptions {
  seed?: number;
  visitors?: number;
  days?: number;
  /** Midnight of the first day in the clinic's time zone (UTC+3), ms since the epoch. */
  start?: number;
}

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const OFFSET = CLINIC_UTC_OFFSET_MINUTES * MIN;

/** Visits by local hour: quiet at night, busy late morning and in the evening (phones). */
const HOUR_WEIGHTS: readonly (readonly [number, number])[] = [
  [0, 1.2],
  [1, 0.6],
  [2, 0.3],
  [3, 0.2],
  [4, 0.2],
  [5, 0.3],
  [6, 0.8],
  [7, 2],
  [8, 3.5],
  [9, 5],
  [10, 6.5],
  [11, 7],
  [12, 6.5],
  [13, 6],
  [14, 5.5],
  [15, 5.5],
  [16, 5.5],
  [17, 5.5],
  [18, 5.5],
  [19, 6],
  [20, 6.5],
  [21, 6],
  [22, 4],
  [23, 2.2],
];

/** Local clock of an instant: weekday 0 = Sunday. */
const clock = (ts: number) => {
  const local = ts + OFFSET;
  return {
    hour: Math.floor(local / HOUR) % 24,
    weekday: new Date(local).getUTCDay(),
    midnight: local - (local % DAY) - OFFSET,
  };
};

/**
 * Who answers the phone: the front desk Mon–Fri 9–20 and Sat 10–16; one duty admin, busy with
 * patients at the desk, on weekday evenings until 22, Saturdays until 20 and Sundays 10–18.
 */
function staffing(ts: number): 'open' | 'duty' | 'closed' {
  const { hour, weekday } = clock(ts);
  if (weekday === 0) return hour >= 10 && hour < 18 ? 'duty' : 'closed';
  if (weekday === 6) return hour >= 10 && hour < 16 ? 'open' : hour >= 16 && hour < 20 ? 'duty' : 'closed';
  if (hour >= 9 && hour < 20) return 'open';
  return hour >= 20 && hour < 22 ? 'duty' : 'closed';
}

/** The front desk's next opening after `ts`: 9:00 on weekdays, 10:00 on Saturdays. */
function nextOpening(ts: number): number {
  let { midnight } = clock(ts);
  for (let i = 0; i < 8; i++) {
    const wd = new Date(midnight + OFFSET).getUTCDay();
    const open = wd === 0 ? null : midnight + (wd === 6 ? 10 : 9) * HOUR;
    if (open !== null && open > ts) return open;
    midnight += DAY;
  }
  return ts + DAY;
}

interface Visit {
  r: ClinicRandom;
  out: PendingEvent[];
  key: string;
  mobile: boolean;
  seed: SessionSeed;
  t: number;
  path: string;
  /** Chance of going to the booking page at the end, from the source, what was seen and done. */
  interest: number;
  service: keyof typeof DEAL_VALUES;
  booked: boolean;
  left: boolean;
}

/**
 * The clinic's events for `visitors` visitors over `days` days from `start` (defaults: 3 900 visitors,
 * 21 days from Monday 2 November 2026), as ingest hands them to the writer; `siteId` is 0 until
 * loadClinic writes them.
 */
export function generateClinic({
  seed = 15,
  visitors = 3900,
  days = 21,
  start = CLINIC_START,
}: ClinicOptions = {}): PendingEvent[] {
  const r = clinicRandom(seed);
  const out: PendingEvent[] = [];
  let uid = 0;
  const dayWeights = Array.from({ length: days }, (_, d) => {
    const wd = new Date(start + d * DAY + OFFSET).getUTCDay();
    return [d, wd === 0 ? 0.6 : wd === 6 ? 0.75 : 1] as const;
  });
  const emitter = (v: Visit): Emit => ({
    web(name, props = null, over = {}) {
      v.out.push({
        siteId: 0,
        uid: `clinic-${seed}-${++uid}`,
        name,
        visitorKey: v.key,
        ts: v.t,
        receivedAt: v.t,
        path: v.path,
        url: `https://${CLINIC_DOMAIN}${v.path}`,
        referrer: null,
        props: props ? JSON.stringify(props) : null,
        value: null,
        lead: null,
        origin: 'web',
        session: v.seed,
        ...over,
      });
    },
    offline(name, ts, over) {
      v.out.push({
        siteId: 0,
        uid: `o:clinic-${seed}-${++uid}`,
        name,
        visitorKey: '',
        ts,
        receivedAt: ts,
        path: null,
        url: null,
        referrer: null,
        props: null,
        value: null,
        lead: null,
        origin: 'offline',
        session: null,
        ...over,
      });
    },
  });

  for (let i = 0; i < visitors; i++) {
    const day = r.pick(dayWeights);
    const hour = r.pick(HOUR_WEIGHTS);
    const t = start + day * DAY + hour * HOUR + r.int(0, 3599) * SEC;
    const device = r.pick([
      ['mobile', 60],
      ['desktop', 36],
      ['tablet', 4],
    ] as const);
    const source = r.pick(CLINIC_SOURCES.map((s) => [s, s.weight] as const));
    const landing = r.pick(source.landings);
    const v: Visit = {
      r,
      out,
      key: `h:clinic-${seed}-${i}`,
      mobile: device !== 'desktop',
      seed: sessionSeed(source, landing, device, r),
      t,
      path: landing,
      interest: 0.04 * source.intent * (isBlog(landing) ? 0.3 : 1),
      service: serviceOf(landing),
      booked: false,
      left: false,
    };
    journey(v, emitter(v), source, `${seed}-${i}`);
    // One visitor in ten comes back later that day, typing the address.
    if (!v.booked && r.chance(0.1)) {
      v.left = false;
      v.t += r.int(2, 5) * HOUR;
      v.path = r.pick([
        ['/', 3],
        ['/booking', 1],
      ] as const);
      v.seed = sessionSeed(CLINIC_SOURCES.find((s) => s.channel === 'direct')!, v.path, device, r);
      v.interest += 0.03;
      journey(v, emitter(v), null, `${seed}-${i}r`);
    }
  }
  out.sort((a, b) => a.ts - b.ts || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
  return out;
}

function sessionSeed(source: ClinicSource, landing: string, device: string, r: ClinicRandom): SessionSeed {
  const ios = device !== 'desktop' && r.chance(0.35);
  return {
    landingPath: landing,
    referrerHost: source.referrerHost ?? null,
    channel: source.channel,
    utmSource: source.utm?.source ?? null,
    utmMedium: source.utm?.medium ?? null,
    utmCampaign: source.utm?.campaign ?? null,
    device,
    browser: ios
      ? 'Mobile Safari'
      : r.pick([
          ['Chrome', 5],
          ['Yandex', 3],
          ['Firefox', 1],
        ] as const),
    os:
      device === 'desktop'
        ? r.pick([
            ['Windows', 4],
            ['macOS', 1],
          ] as const)
        : ios
          ? 'iOS'
          : 'Android',
    // A city clinic's visitors: one country, so the generator's random stream stays as it was.
    country: 'RU',
  };
}

const serviceOf = (path: string): keyof typeof DEAL_VALUES =>
  path.includes('dentistry') || path.includes('teeth')
    ? 'dentistry'
    : path.includes('mri')
      ? 'mri'
      : path.includes('checkup')
        ? 'checkup'
        : 'consultation';

/** Adds a visit's events: web ones at the visit's clock and page, offline ones at their own time. */
interface Emit {
  web(name: string, props?: Record<string, unknown> | null, over?: Partial<PendingEvent>): void;
  offline(name: string, ts: number, over: Partial<PendingEvent>): void;
}

/** One session: the landing page, a few more pages with what visitors do there, maybe the booking. */
function journey(v: Visit, e: Emit, source: ClinicSource | null, id: string): void {
  const { r } = v;
  const landingUrl = source?.utm
    ? `https://${CLINIC_DOMAIN}${v.path}?utm_source=${source.utm.source}&utm_medium=${source.utm.medium}&utm_campaign=${source.utm.campaign}&yclid=${r.int(1e8, 9e8)}`
    : undefined;
  const referrer = source?.referrerHost ? `https://${source.referrerHost}/` : null;
  if (v.path === '/booking') {
    booking(v, e, id);
    return;
  }
  if (!page(v, e, landingUrl, referrer)) return;
  if (v.path === '/promo/spring-checkup') {
    // The deleted promo page: most leave; some look around from the home page.
    if (r.chance(0.8)) return void leave(v);
    v.interest *= 0.6;
    v.t += r.int(5, 20) * SEC;
    v.path = '/';
    if (!page(v, e)) return;
  }
  const more = r.int(0, 2) + (v.interest > 0.06 ? r.int(1, 3) : 0) + (isBlog(v.path) ? 0 : 1);
  for (let k = 0; k < more && !v.left; k++) {
    v.path = isBlog(v.path) && r.chance(0.6) ? r.pick(NEXT_PAGES.slice(-3)) : r.pick(NEXT_PAGES);
    if (isBlog(v.path)) v.interest *= 0.8;
    else v.service = v.path.startsWith('/services/') ? serviceOf(v.path) : v.service;
    if (!page(v, e)) return;
    touchpoints(v, e, id);
    if (v.booked) return;
  }
  if (v.left) return;
  if (r.chance(Math.min(0.85, v.interest))) booking(v, e, id);
}

/** A pageview with its web vitals and, when the page is left, its engagement. False when the visitor leaves. */
function page(v: Visit, e: Emit, url?: string, referrer: string | null = null): boolean {
  const { r } = v;
  e.web('pageview', TITLES[v.path] ? { title: TITLES[v.path] } : null, {
    ...(url ? { url } : {}),
    referrer,
  });
  if (v.path === '/promo/spring-checkup') {
    v.t += 300;
    e.web('not_found', { path: v.path, ...(referrer ? { referrer } : {}) });
  }
  // LCP: the MRI page's hero image is heavy on phones; elsewhere mostly good.
  const heavy = v.path === '/services/mri';
  const pPoor = heavy ? (v.mobile ? 0.8 : 0.1) : v.mobile ? 0.03 : 0.01;
  const poor = r.chance(pPoor);
  if (r.chance(0.9)) {
    v.t += r.int(800, 2500);
    const lcp = poor ? r.int(4100, 9000) : r.chance(0.1) ? r.int(2600, 3900) : r.int(900, 2400);
    e.web('web_vital', {
      metric: 'LCP',
      value: lcp,
      rating: lcp > 4000 ? 'poor' : lcp > 2500 ? 'needs-improvement' : 'good',
    });
  }
  if (r.chance(0.7)) {
    v.t += 200;
    const cls = r.chance(0.05) ? 0.15 : 0.02;
    e.web('web_vital', { metric: 'CLS', value: cls, rating: cls > 0.1 ? 'needs-improvement' : 'good' });
  }
  const dwell = Math.round(r.logNormal(heavy && poor ? 12 : 40, 0.7) * SEC);
  if (heavy && poor && r.chance(0.35)) {
    v.t += dwell;
    e.web('engagement', { seconds: Math.round(dwell / SEC), scroll: 10 });
    return leave(v);
  }
  if (r.chance(0.45)) {
    v.t += 3 * SEC;
    e.web('web_vital', { metric: 'INP', value: r.int(60, 180), rating: 'good' });
  }
  v.t += dwell;
  e.web('engagement', { seconds: Math.round(dwell / SEC), scroll: r.int(25, 100) });
  v.t += r.int(1, 4) * SEC;
  if (v.path.startsWith('/prices')) v.interest += 0.02;
  if (v.path.startsWith('/doctors/')) v.interest += 0.03;
  return true;
}

function leave(v: Visit): false {
  v.left = true;
  return false;
}

/** What visitors do on a page besides reading it: contacts, downloads, reviews, searches. */
function touchpoints(v: Visit, e: Emit, id: string): void {
  const { r } = v;
  const p = v.path;
  const selling = p === '/prices' || p.startsWith('/services') || p.startsWith('/doctors');
  const at = () => (v.t += r.int(5, 40) * SEC);
  if (selling && r.chance(0.024)) {
    at();
    e.web('chat_open', { widget: 'jivo' });
    // The chat answers within a minute in the widget; people who ask usually book.
    v.interest += 0.3;
  }
  // The callback widget is shown only while someone can call back.
  if ((selling || p === '/contacts') && staffing(v.t) !== 'closed' && r.chance(0.016 + v.interest * 0.05)) {
    at();
    callback(v, e, id);
    if (v.booked) return;
  }
  const callChance = p === '/contacts' ? (v.mobile ? 0.3 : 0.05) : v.mobile && selling ? 0.008 : 0;
  if (r.chance(callChance)) {
    at();
    call(v, e);
    if (v.booked) return;
  }
  if (p === '/contacts') {
    if (r.chance(0.08)) {
      at();
      e.web('messenger_click', { messenger: 'whatsapp' });
      v.interest += 0.12;
    }
    if (r.chance(0.012)) {
      at();
      e.web('email_click', { domain: CLINIC_DOMAIN });
    }
    if (r.chance(0.1)) {
      at();
      e.web('outbound_click', { host: 'yandex.ru' });
    }
    if (r.chance(0.03)) {
      at();
      e.web('contact_copy', { kind: 'phone' });
    }
  }
  if (p === '/prices' && r.chance(0.2)) {
    at();
    e.web('file_download', { file: '/files/price-list.pdf', ext: 'pdf' });
    v.interest += 0.03;
  }
  if (p === '/reviews') {
    v.interest += 0.02;
    if (r.chance(v.seed.channel === 'direct' ? 0.2 : 0.03)) {
      at();
      const rating = r.pick([
        [5, 70],
        [4, 18],
        [3, 6],
        [2, 3],
        [1, 3],
      ] as const);
      e.web('review_submit', { rating });
    }
  }
  if (r.chance(0.005)) {
    at();
    e.web('site_search');
  }
}

/** A callback request and the front desk's answer: fast when open, next morning (or never) otherwise. */
function callback(v: Visit, e: Emit, id: string): void {
  const { r } = v;
  const lead = `CB-${id}`;
  e.web('callback_request', { form: 'callback' }, { lead });
  v.t += 500;
  e.web('identify', { lead }, { lead, linkLead: lead });
  const staff = staffing(v.t);
  let answered: number | null = null;
  if (staff === 'open') {
    if (!r.chance(0.01))
      answered = v.t + Math.round(r.logNormal(5 * MIN, 0.5)) + (r.chance(0.04) ? r.int(20, 90) * MIN : 0);
  } else {
    if (r.chance(0.55)) answered = v.t + Math.round(r.logNormal(8 * MIN, 0.5));
    else if (r.chance(0.75)) answered = nextOpening(v.t) + Math.round(r.logNormal(40 * MIN, 0.6));
  }
  if (answered === null) return;
  e.offline('callback_made', answered, { lead, props: JSON.stringify({ operator: 'front-desk' }) });
  const late = answered - v.t > 15 * MIN;
  if (r.chance(late ? 0.22 : 0.45)) {
    v.booked = true;
    const ts = answered + r.int(2, 6) * MIN;
    e.offline('appointment_booked', ts, {
      lead,
      props: JSON.stringify({ service: v.service, via: 'phone' }),
    });
    afterBooking(v, e, lead, ts);
  }
}

/** A click on the phone number, and the call the call system logged (imported, matched to the visitor). */
function call(v: Visit, e: Emit): void {
  const { r } = v;
  e.web('call_click', { phone: CLINIC_PHONE });
  const staff = staffing(v.t);
  const ts = v.t + r.int(5, 40) * SEC;
  const answered = r.chance(staff === 'open' ? 0.95 : staff === 'duty' ? 0.5 : 0.1);
  const over = { visitorKey: v.key, origin: 'import' as const };
  e.offline(answered ? 'call_answered' : 'call_missed', ts, {
    ...over,
    props: JSON.stringify({ phone: CLINIC_PHONE, seconds: answered ? r.int(40, 400) : 0 }),
  });
  if (answered && r.chance(0.4)) {
    v.booked = true;
    const at = ts + r.int(2, 6) * MIN;
    const lead = `CL-${v.key.slice(2)}-${Math.round(v.t / 1000)}`;
    e.offline('appointment_booked', at, {
      visitorKey: v.key,
      lead,
      props: JSON.stringify({ service: v.service, via: 'phone' }),
    });
    afterBooking(v, e, lead, at, v.key);
  }
}

/** The booking page: a broken coupon button, the form with its strict phone field, the thank-you page. */
function booking(v: Visit, e: Emit, id: string): void {
  const { r } = v;
  v.path = '/booking';
  if (!page(v, e)) return;
  if (r.chance(0.2)) {
    // "Apply coupon" does nothing: repeated clicks, or one click and nothing.
    v.t += r.int(10, 60) * SEC;
    e.web(r.chance(0.7) ? 'rage_click' : 'dead_click', { element: 'button#apply-coupon.btn' });
    if (r.chance(0.25)) return void leave(v);
  }
  if (!r.chance(0.92)) return void leave(v);
  v.t += r.int(5, 30) * SEC;
  e.web('form_start', { form: 'booking' });
  v.t += r.int(30, 120) * SEC;
  if (r.chance(0.33)) {
    e.web('form_invalid', { form: 'booking', field: 'phone' });
    v.t += r.int(10, 60) * SEC;
    if (r.chance(0.45)) {
      e.web('form_abandon', { form: 'booking', field: 'phone' });
      return void leave(v);
    }
  }
  if (r.chance(0.12)) {
    e.web('form_abandon', { form: 'booking', field: r.chance(0.5) ? 'date' : 'doctor' });
    return void leave(v);
  }
  const lead = `BK-${id}`;
  e.web('form_submit', { form: 'booking' });
  v.t += 200;
  e.web('appointment_booked', { service: v.service, via: 'site' });
  v.t += 100;
  e.web('identify', { lead }, { lead, linkLead: lead });
  v.booked = true;
  afterBooking(v, e, lead, v.t);
  v.t += 1500;
  v.path = '/booking/thanks';
  page(v, e);
}

/** The visit itself days later (a meeting in the CRM), and what the patient paid (a won deal). */
function afterBooking(v: Visit, e: Emit, lead: string, bookedAt: number, visitorKey?: string): void {
  const { r } = v;
  if (!r.chance(0.82)) return;
  const day = clock(bookedAt).midnight + r.int(1, 9) * DAY;
  const meeting =
    day +
    r.int(9, 18) * HOUR +
    r.pick([
      [0, 1],
      [30, 1],
    ] as const) *
      MIN;
  const who = visitorKey ? { visitorKey, lead } : { lead };
  e.offline('meeting', meeting, who);
  if (!r.chance(0.85)) return;
  const [median, spread] = DEAL_VALUES[v.service]!;
  const value = Math.round(r.logNormal(median, spread) / 100) * 100;
  e.offline('deal_won', meeting + r.int(40, 120) * MIN, {
    ...who,
    value,
    props: JSON.stringify({ service: v.service }),
  });
}
