import { vitalOf } from '../blocks';
import { pageMatches } from '../conditions/page-match';
import type { Db } from '../db/open-database';
import type { PageSpeedRow, ReportFilter } from '../reports/types';
import { pageSpeedRows } from './page-speed-rows';
import { scanVisits } from './scan-visits';
import { summarizeVitals, type VitalSample } from './summarize-vitals';

/**
 * The page speed table: one row per page, worst first (see pageSpeedRows), from the web vitals
 * packed in the event blocks (values to 0.1 ms, CLS to 0.0001), so no props are parsed.
 */
export function getPageSpeedRows(db: Db, f: ReportFilter): PageSpeedRow[] {
  const byKey: { key: number; metric: string; value: number }[] = [];
  const scan = scanVisits(db, f, {}, ({ b, start, end, keep }, s) => {
    const { ts } = b;
    const num = b.num!;
    const sess = b.sess!;
    const path = b.path!;
    for (let i = start; i < end; i++) {
      if (num[i]! >= 0 || ts[i]! < f.from || ts[i]! >= f.to || !keep(sess[i]!)) continue;
      const v = vitalOf(num[i]!);
      if (v) byKey.push({ key: path[i] === 0 ? 0 : s.key(b, path[i]!), ...v });
    }
  });
  const texts = scan.texts();
  const samples: VitalSample[] = [];
  for (const x of byKey) {
    const path = x.key === 0 ? '' : texts.get(x.key);
    if (path === undefined || (f.page !== undefined && !pageMatches(path, f.page, f.pageMatch))) continue;
    samples.push({ path, metric: x.metric, value: x.value });
  }
  return pageSpeedRows(summarizeVitals(samples));
}
