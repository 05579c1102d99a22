import type { Hono } from 'hono';
import type { Goal } from '../collector/model';

export type Call = (app: Hono) => Promise<void>;

const H = { authorization: 'Bearer bench-token', 'content-type': 'application/json' };

/** One API answer, read to the end (the JSON is part of the time); anything but 2xx stops the bench. */
const call =
  (path: string, init: { method?: string; body?: unknown } = {}): Call =>
  async (app) => {
    const res = await app.request(path, {
      method: init.method ?? 'GET',
      headers: H,
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text.slice(0, 300)}`);
  };

/**
 * The dashboard's views and the API answers each one needs for a range (the current views and
 * the reports of issue 16 that the dashboard gains), plus the two reports the API serves beside
 * them (callback requests, conversions). The funnel is the clinic's booking path, with the
 * breakdown, comparison and trend the view asks for.
 */
export function DASHBOARD_VIEWS({
  site,
  from,
  to,
  goals,
}: {
  site: string;
  from: number;
  to: number;
  goals: readonly Goal[];
}): { view: string; calls: Call[] }[] {
  const base = `/api/sites/${site}`;
  const r = `from=${from}&to=${to}`;
  const prev = `from=${from - (to - from)}&to=${from}`;
  const booked = goals.find((g) => g.name === 'Booked appointment') ?? goals[0]!;
  const kinds = ['forms', 'not_found', 'messenger_click', 'file_download', 'review_submit', 'site_search'];
  return [
    {
      view: 'overview',
      calls: [
        call(`${base}/overview?${r}&compare=1`),
        call(`${base}/timeseries?${r}`),
        call(`${base}/timeseries?${prev}`),
        call(`${base}/engagement?${r}&compare=1`),
      ],
    },
    { view: 'sources', calls: [call(`${base}/sources?${r}`)] },
    { view: 'pages', calls: [call(`${base}/page-report?${r}`)] },
    { view: 'pages (goal)', calls: [call(`${base}/page-report?${r}&goal=${booked.id}`)] },
    { view: 'audience', calls: [call(`${base}/audience?${r}`)] },
    { view: 'touchpoints', calls: kinds.map((k) => call(`${base}/touchpoint-detail?${r}&kind=${k}`)) },
    {
      view: 'page speed',
      calls: [call(`${base}/page-speed-pages?${r}`), call(`${base}/page-speed?${r}`)],
    },
    {
      view: 'goals',
      calls: [
        call(`${base}/goals`),
        call(`${base}/event-names`),
        ...goals.map((g) => call(`${base}/goals/${g.id}?${r}`)),
      ],
    },
    { view: 'attribution', calls: [call(`${base}/goals/${booked.id}/attribution?${r}`)] },
    {
      view: 'funnels',
      calls: [
        call(`${base}/funnels`),
        call(`${base}/event-names`),
        call(`${base}/pages`),
        call(`${base}/funnel`, {
          method: 'POST',
          body: {
            steps: [
              { landing: '/services/*' },
              { names: ['pageview'], page: '/booking' },
              { names: ['form_start'] },
              { goal: booked.id },
            ],
            from,
            to,
            breakdown: 'channel',
            compare: true,
            trend: true,
          },
        }),
      ],
    },
    { view: 'scorecard', calls: [call(`${base}/scorecard?${r}&goal=${booked.id}`)] },
    // One answer per response standard the view offers (dashboard/views/response.ts).
    {
      view: 'response',
      calls: [5, 15, 30, 60, 240, 1440].map((m) => call(`${base}/response-speed?${r}&standardMinutes=${m}`)),
    },
    { view: 'callbacks', calls: [call(`${base}/callback-requests?${r}&status=missed`)] },
    { view: 'conversions', calls: [call(`${base}/conversions?${r}&compare=1`)] },
    { view: 'realtime', calls: [call(`${base}/realtime`)] },
    { view: 'setup', calls: [call(`${base}/setup-check`)] },
  ];
}
