import type { VitalRating } from './web-reports';

/** One page of the page report (docs/api.md, "Page report", says what each number means). */
export interface PageRow {
  path: string;
  /** Pageviews of the page in the range (on every list, for reference). */
  pageviews: number;
  /** Top pages: sessions that viewed it; entry / exit pages: sessions that started / ended on it. */
  sessions: number;
  visitors: number;
  /** Of those visitors, the ones who converted at or after (see getPageReport). */
  conversions: number;
  /** conversions ÷ visitors. */
  conversionRate: number;
  /** Visible seconds per pageview of the page; null without pageviews in the range. */
  engagedSeconds: number | null;
  /** Average deepest scroll (%) of the page's views; null when no engagement was measured. */
  scrollDepth: number | null;
  /** Entry pages: sessions that bounced ÷ sessions; null on the other lists. */
  bounceRate: number | null;
}

export interface PageReport {
  from: number;
  to: number;
  top: PageRow[];
  entry: PageRow[];
  exit: PageRow[];
}

/** Engagement of the sessions that started in a range (docs/api.md, "Engagement"). */
export interface Engagement {
  sessions: number;
  /** Sessions of one page (or none), under 10 s engaged, without a touchpoint. */
  bounces: number;
  bounceRate: number;
  /** Average visible seconds per session (the sum of its engagement events). */
  timeOnSiteSeconds: number;
  pageviewsPerSession: number;
}

/** The touchpoint details (GET touchpoint-detail?kind=…). */
export type DetailKind =
  | 'forms'
  | 'not_found'
  | 'messenger_click'
  | 'file_download'
  | 'review_submit'
  | 'site_search';

export interface FormDetailRow {
  /** The form's id, name or DOM path as the script reported it ('' when none). */
  form: string;
  starts: number;
  submits: number;
  abandons: number;
  visitors: number;
  /** abandons ÷ starts (at most 1). */
  abandonRate: number;
  /** The field abandoned forms were left at (its name, never its value), most common first. */
  fields: { field: string | null; count: number }[];
}

export interface CountRow {
  /** The messenger, the file, or the page searched on. */
  key: string | null;
  count: number;
  visitors: number;
}

export type TouchpointDetail =
  | { kind: 'forms'; rows: FormDetailRow[] }
  | {
      kind: 'not_found';
      rows: {
        path: string | null;
        count: number;
        visitors: number;
        /** Where visitors came from: the linking page (origin and path), null when none was sent. */
        referrers: { referrer: string | null; count: number }[];
      }[];
    }
  | {
      kind: 'review_submit';
      count: number;
      /** Mean of the ratings 1–5; null when none was readable. */
      average: number | null;
      ratings: { rating: number; count: number }[];
      rows: { path: string | null; count: number; average: number | null }[];
    }
  | { kind: 'messenger_click' | 'file_download' | 'site_search'; rows: CountRow[] };

export interface AudienceRow {
  /** The device class, browser, OS or two-letter country code; null when unknown. */
  value: string | null;
  sessions: number;
  visitors: number;
}

/** Who the sessions that started in a range were (GET audience). */
export interface Audience {
  devices: AudienceRow[];
  browsers: AudienceRow[];
  operatingSystems: AudienceRow[];
  countries: AudienceRow[];
}

/** One metric of a page's speed row. */
export interface PageVital {
  p75: number;
  rating: VitalRating;
  samples: number;
}

/** One page of the page speed table (GET page-speed-pages): its Core Web Vitals at p75. */
export interface PageSpeedRow {
  path: string;
  lcp: PageVital | null;
  inp: PageVital | null;
  cls: PageVital | null;
  /** The worst rating of the three: the page's badge. */
  rating: VitalRating;
  /** Samples of the metric with the most. */
  samples: number;
}
