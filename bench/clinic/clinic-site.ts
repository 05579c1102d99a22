import type { Channel } from '../../collector/model';

/** The clinic's host, its time zone (Moscow: UTC+3 all year) and the first day it is generated from. */
export const CLINIC_DOMAIN = 'clinic.example';
export const CLINIC_TIME_ZONE = 'Europe/Moscow';
export const CLINIC_UTC_OFFSET_MINUTES = 180;
/** Monday 2 November 2026, 00:00 in Moscow. */
export const CLINIC_START = Date.UTC(2026, 10, 1, 21);

/** Where a visit comes from and how likely such a visitor is to book, relative to the average. */
export interface ClinicSource {
  weight: number;
  channel: Channel;
  referrerHost?: string;
  utm?: { source: string; medium: string; campaign: string };
  landings: readonly (readonly [string, number])[];
  intent: number;
}

const BLOG = ['/blog/mri-or-ct', '/blog/teeth-whitening-myths', '/blog/checkup-after-40'] as const;

/** Organic search lands on services and, for a quarter of visits, on blog posts. */
const SEARCH_LANDINGS: ClinicSource['landings'] = [
  ['/', 30],
  ['/services/dentistry', 15],
  ['/services/mri', 14],
  ['/services/checkup', 10],
  ['/prices', 6],
  [BLOG[0], 10],
  [BLOG[1], 9],
  [BLOG[2], 6],
];

export const CLINIC_SOURCES: readonly ClinicSource[] = [
  { weight: 22, channel: 'search', referrerHost: 'yandex.ru', landings: SEARCH_LANDINGS, intent: 1 },
  { weight: 14, channel: 'search', referrerHost: 'www.google.com', landings: SEARCH_LANDINGS, intent: 1 },
  // Yandex Direct campaigns, each with its own landing page.
  {
    weight: 11,
    channel: 'paid',
    utm: { source: 'yandex', medium: 'cpc', campaign: 'checkup_autumn' },
    landings: [['/services/checkup', 1]],
    intent: 1.1,
  },
  {
    weight: 9,
    channel: 'paid',
    utm: { source: 'yandex', medium: 'cpc', campaign: 'dentistry_brand' },
    landings: [['/services/dentistry', 1]],
    intent: 1.3,
  },
  {
    weight: 3,
    channel: 'paid',
    utm: { source: 'yandex', medium: 'cpc', campaign: 'mri_discount' },
    landings: [['/services/mri', 1]],
    intent: 1,
  },
  // Last spring's ad, still running, sends people to a promo page that was deleted.
  {
    weight: 4,
    channel: 'paid',
    utm: { source: 'yandex', medium: 'cpc', campaign: 'spring_promo' },
    landings: [['/promo/spring-checkup', 1]],
    intent: 0.8,
  },
  {
    weight: 4,
    channel: 'social',
    referrerHost: 'vk.com',
    landings: [
      ['/', 1],
      [BLOG[1], 1],
    ],
    intent: 0.5,
  },
  { weight: 3, channel: 'social', referrerHost: 't.me', landings: [['/services/checkup', 1]], intent: 0.6 },
  { weight: 3, channel: 'social', referrerHost: 'dzen.ru', landings: [[BLOG[2], 1]], intent: 0.3 },
  // A doctors' directory: people who already chose a doctor.
  {
    weight: 9,
    channel: 'referral',
    referrerHost: 'prodoctorov.ru',
    landings: [
      ['/doctors/ivanova', 1],
      ['/doctors/petrov', 1],
    ],
    intent: 2,
  },
  // Patients who know the clinic: typed address or a bookmark.
  {
    weight: 18,
    channel: 'direct',
    landings: [
      ['/', 6],
      ['/booking', 2],
      ['/contacts', 1],
      ['/reviews', 1],
    ],
    intent: 1.5,
  },
];

export const isBlog = (path: string): boolean => path.startsWith('/blog/');

/** Where a visitor goes next, by page weight; blog readers mostly stay in the blog or leave. */
export const NEXT_PAGES: readonly (readonly [string, number])[] = [
  ['/prices', 3],
  ['/services', 1],
  ['/services/dentistry', 1],
  ['/services/checkup', 1],
  ['/services/mri', 0.8],
  ['/doctors', 1.4],
  ['/doctors/ivanova', 0.7],
  ['/doctors/petrov', 0.7],
  ['/reviews', 0.9],
  ['/contacts', 1],
  [BLOG[0], 0.3],
  [BLOG[1], 0.3],
  [BLOG[2], 0.3],
];

export const TITLES: Record<string, string> = {
  '/': 'Klinika Zdorovye: family clinic',
  '/prices': 'Prices',
  '/booking': 'Book an appointment',
  '/booking/thanks': 'You are booked',
  '/reviews': 'Reviews',
  '/contacts': 'Contacts',
};

/** What a first visit costs (RUB), by the service the visitor looked at. */
export const DEAL_VALUES: Record<string, [median: number, spread: number]> = {
  dentistry: [9500, 0.7],
  checkup: [11000, 0.35],
  mri: [6500, 0.2],
  consultation: [3200, 0.25],
};

export const CLINIC_PHONE = '74951234567';
