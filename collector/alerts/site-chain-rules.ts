import type { Db } from '../db/open-database';
import { type ChainCheck, chainWindows, readDrop, readSpike } from './chain-stats';

/** Site-wide rules: leads that must not stop, 404s that must not surge. */
export const SITE_CHAIN_RULES: { name: string; kind: 'drop' | 'spike' }[] = [
  { name: 'form_submit', kind: 'drop' },
  { name: 'callback_request', kind: 'drop' },
  { name: 'not_found', kind: 'spike' },
];

/** Each site-wide rule's count in the window against the mean of the same hours of past weeks. */
export function siteChainChecks(db: Db, siteId: number, now: number): ChainCheck[] {
  const st = db.prepare(
    `SELECT count(*) AS n FROM events WHERE site_id = ? AND ts >= ? AND ts < ?
       AND name_id = (SELECT id FROM names WHERE name = ?)`,
  );
  const windows = chainWindows(now);
  const counts = (name: string) =>
    windows.map((w) => (st.get(siteId, w.from, w.to, name) as { n: number }).n);
  const mean = (c: number[]) => c.slice(1).reduce((a, b) => a + b, 0) / (c.length - 1);
  let traffic: number[] | null = null;
  return SITE_CHAIN_RULES.map((rule) => {
    const c = counts(rule.name);
    if (rule.kind === 'spike')
      return {
        key: `spike:${rule.name}`,
        subject: rule.name,
        kind: 'spike',
        reading: readSpike(c[0]!, mean(c)),
      };
    traffic ??= counts('pageview');
    return {
      key: `drop:${rule.name}`,
      subject: rule.name,
      kind: 'drop',
      reading: readDrop(c[0]!, mean(c), traffic[0]!, mean(traffic)),
    };
  });
}
