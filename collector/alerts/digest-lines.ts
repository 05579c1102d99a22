import type { AlertLine } from './alert-line';
import type { AlertTexts } from './alert-texts';
import type { DigestInfo } from './alert-types';

const pct = (share: number) => `${Math.round(share * 100)} %`;

/** `12 / 10 (+20 %)`: this period, the one before, and the change. */
export const change = (c: number, p: number): string => {
  const d = c - p;
  const rel = p === 0 ? '' : ` (${d >= 0 ? '+' : ''}${Math.round((d / p) * 100)} %)`;
  return `${c} / ${p}${rel}`;
};

/** The digest's lines: headline numbers, response speed, funnels, rating changes, top sources. */
export function digestLines(t: AlertTexts, d: DigestInfo): AlertLine[] {
  const r = d.response;
  const lines: AlertLine[] = [
    { label: t.visitors, value: change(d.visitors.current, d.visitors.previous) },
    { label: t.leads, value: change(d.leads.current, d.leads.previous) },
    { label: t.conversions, value: change(d.conversions.current, d.conversions.previous) },
    {
      label: t.response(r.standardMinutes),
      value: r.requests
        ? t.withinStandard(r.withinStandard, r.requests, pct(r.withinStandardShare), r.unanswered)
        : t.none,
    },
  ];
  for (const f of d.funnels) {
    const w = f.weakest;
    const weak = w
      ? `; ${t.weakest}: ${w.step} “${w.label}”, ${t.lost} ${w.dropOff} (${pct(w.dropOffRate)})`
      : '';
    lines.push({ label: `${t.funnel} “${f.name}”`, value: `${f.entered} → ${pct(f.conversion)}${weak}` });
  }
  for (const c of d.ratingChanges)
    lines.push({ label: t.ratingChanged, value: `${c.label}: ${t.ratings[c.from]} → ${t.ratings[c.to]}` });
  if (d.topSources.length)
    lines.push({
      label: t.topSources,
      value: d.topSources.map((s) => `${s.source} (${s.conversions} / ${s.leads})`).join(', '),
    });
  return lines;
}
