import type { TouchpointTally } from '../../../scorecard/scorecard-tallies';
import { FORM_EVENTS, formKey } from '../../../scorecard/touchpoint-kinds';
import { type Sql, sql } from '../../sql';
import { type ChContext, queryRows } from '../ch-context';
import { num } from '../web-events';
import { propText, type ScorecardRange, scorecardEvents } from './scorecard-events';

type Count = string | number;

/**
 * queries/count-form-touchpoints.ts in ClickHouse: one touchpoint per form (its `form` prop) from
 * its web events; met at the visitor's first event of it; checked per session that touched it:
 * abandoned (form_abandon, no submit; the field of its last abandon) and blocked (form_invalid;
 * the field of its first).
 */
export async function countFormTouchpoints(
  ctx: ChContext,
  q: ScorecardRange,
  visitors: Sql,
): Promise<TouchpointTally[]> {
  const form = propText('form');
  const field = sql`if(${propText('field')} IS NULL, '', concat('f', assumeNotNull(${propText('field')})))`;
  const rows = sql`SELECT v, session, ts, seq, name, if(ifNull(${form}, '') = '', '(unnamed)', assumeNotNull(${form})) AS label,
      ${field} AS fld
    FROM ${scorecardEvents(ctx, q)} WHERE session != 0 AND has(${[...FORM_EVENTS]}, name)`;
  const sessions = sql`SELECT label, session, toUInt8(max(name = 'form_abandon') AND NOT max(name = 'form_submit')) AS ab,
      max(name = 'form_invalid') AS bl, argMaxIf(fld, (ts, seq), name = 'form_abandon') AS abAt,
      argMinIf(fld, (ts, seq), name = 'form_invalid') AS blAt
    FROM (${rows}) GROUP BY label, session`;
  // The most common field of the abandoned (`a`) and the blocked (`b`) sessions; ties to the smallest.
  const fields = sql`SELECT label, kind, tupleElement(arraySort(x -> (-toInt64(tupleElement(x, 2)), tupleElement(x, 1)),
      groupArray((fld, n)))[1], 1) AS top
    FROM (SELECT label, kind, fld, count() AS n FROM
        (SELECT label, arrayJoin([('a', ab, abAt), ('b', bl, blAt)]) AS x, tupleElement(x, 1) AS kind,
            tupleElement(x, 2) AS flag, tupleElement(x, 3) AS fld FROM (${sessions}))
      WHERE flag = 1 AND fld != '' GROUP BY label, kind, fld)
    GROUP BY label, kind`;
  const [checks, tops, people] = await Promise.all([
    queryRows<{ label: string; sessions: Count; abandoned: Count; blocked: Count }>(
      ctx,
      sql`SELECT label, count() AS sessions, countIf(ab = 1) AS abandoned, countIf(bl = 1) AS blocked
        FROM (${sessions}) GROUP BY label`,
    ),
    queryRows<{ label: string; kind: string; top: string }>(ctx, fields),
    queryRows<{ label: string; events: Count; visitors: Count; touched: Count; touchedConverted: Count }>(
      ctx,
      sql`SELECT label, sum(n) AS events, count() AS visitors, countIf(conv = 0 OR ffirst < conv) AS touched,
          countIf(conv != 0 AND ffirst < conv) AS touchedConverted
        FROM (SELECT v, label, count() AS n, min(ts) AS ffirst FROM (${rows}) GROUP BY v, label)
        ANY LEFT JOIN ${visitors} USING v GROUP BY label`,
    ),
  ]);
  const checkOf = new Map(checks.map((c) => [c.label, c]));
  const topOf = new Map(tops.map((t) => [`${t.kind}${t.label}`, t.top.slice(1)]));
  return people.map((p): TouchpointTally => {
    const c = checkOf.get(p.label)!;
    return {
      key: formKey(p.label),
      name: 'form_start',
      label: p.label,
      kind: 'form',
      events: num(p.events),
      visitors: num(p.visitors),
      touched: num(p.touched),
      touchedConverted: num(p.touchedConverted),
      checks: {
        'form-abandoned': {
          checked: num(c.sessions),
          failed: num(c.abandoned),
          top: topOf.get(`a${p.label}`) ?? null,
        },
        'form-blocked': {
          checked: num(c.sessions),
          failed: num(c.blocked),
          top: topOf.get(`b${p.label}`) ?? null,
        },
      },
    };
  });
}
