import { type AttributionTouch, attributeTouches } from '../attribution/attribute-touches';
import type { Db } from '../db/open-database';
import type { AttributionModel, Goal } from '../model';
import type { Attribution, AttributionQuery, AttributionShare } from '../reports/types';
import { firstConversions } from './first-conversions';

const DAY = 86_400_000;
const MODELS: AttributionModel[] = ['firstTouch', 'lastTouch', 'lastSignificant'];

/**
 * Credits each converted visitor's first conversion in [from, to) to a channel and a source
 * (utm_source, else the referrer's host, else `(direct)`) under first-touch, last-touch and
 * last-significant-touch models, over the sessions that started within the lookback before it.
 */
export function getAttribution(db: Db, siteId: number, goal: Goal, q: AttributionQuery): Attribution {
  const conversions = firstConversions(db, siteId, goal, q);
  const touchesOf = db
    .prepare(`SELECT start_ts, channel, coalesce(utm_source, referrer_host, '(direct)') FROM sessions
    WHERE site_id = ? AND visitor_id = ? AND start_ts >= ? AND start_ts <= ? ORDER BY start_ts, id`)
    .raw(true);
  const lookback = q.lookbackMs ?? 90 * DAY;
  const tallies = Object.fromEntries(
    MODELS.map((m) => [
      m,
      { channel: new Map<string, [number, number]>(), source: new Map<string, [number, number]>() },
    ]),
  );
  let unattributed = 0;
  for (const [visitor, c] of conversions) {
    const rows = touchesOf.all(siteId, visitor, c.ts - lookback, c.ts) as [number, string, string][];
    const credit = attributeTouches(
      rows.map(([start, channel, source]): AttributionTouch => ({ start, channel, source })),
    );
    if (!credit) {
      unattributed++;
      continue;
    }
    for (const m of MODELS) {
      const t = credit[m];
      add(tallies[m]!.channel, t.channel, c.value);
      add(tallies[m]!.source, `${t.channel}\u0000${t.source}`, c.value);
    }
  }
  const total = conversions.size - unattributed;
  const shares = (map: Map<string, [number, number]>): AttributionShare[] =>
    [...map.entries()]
      .map(([key, [n, value]]) => {
        const [channel, source] = key.split('\u0000');
        return {
          channel: channel!,
          source: source ?? '',
          conversions: n,
          value,
          share: total ? n / total : 0,
        };
      })
      .sort((a, b) => b.conversions - a.conversions);
  const models = Object.fromEntries(
    MODELS.map((m) => [
      m,
      {
        byChannel: shares(tallies[m]!.channel),
        bySource: shares(tallies[m]!.source),
      },
    ]),
  ) as Attribution['models'];
  return { goalId: goal.id, from: q.from, to: q.to, conversions: conversions.size, unattributed, models };
}

function add(map: Map<string, [number, number]>, key: string, value: number) {
  const e = map.get(key) ?? [0, 0];
  e[0]++;
  e[1] += value;
  map.set(key, e);
}
